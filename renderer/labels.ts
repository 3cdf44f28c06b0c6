// Russian names of audit actions and objects: the one dictionary lives in the contract, shared with main's exports.
export { ACTION_NAMES, ENTITY_NAMES, actionName, entityName } from '../main/contract/rules/audit-labels';
