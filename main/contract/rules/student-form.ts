import type { GuardianFields, StudentFields as StudentInput } from '../index';
import type { Guardian, StudentDetails, StudentPersonal } from '../school-outputs';

// A student's card (the camelCase output) as the update's input (the schema keeps snake_case field names): the edit form
// and every client that sends a card back use this one mapping.

export function guardianToForm(g: Guardian): GuardianFields {
  return {
    relation: g.relation,
    last_name: g.lastName,
    first_name: g.firstName,
    middle_name: g.middleName,
    phone: g.phone,
    email: g.email,
    address: g.address,
    workplace: g.workplace,
  };
}

/** A student's card as the edit form's values (the form keeps the input's field names). */
export function studentToForm(s: StudentDetails, p: StudentPersonal): { student: StudentInput; guardians: GuardianFields[] } {
  return {
    student: {
      last_name: s.lastName,
      first_name: s.firstName,
      middle_name: s.middleName,
      birth_date: p.birthDate,
      gender: s.gender,
      citizenship: p.citizenship,
      snils: p.snils ?? '',
      birth_cert_series: p.birthCertSeries,
      birth_cert_number: p.birthCertNumber,
      passport_series: p.passportSeries,
      passport_number: p.passportNumber,
      passport_issued: p.passportIssued,
      address_registered: p.addressRegistered,
      address_temporary: p.addressTemporary,
      address_actual: p.addressActual,
      phone: p.phone,
      health_group: p.healthGroup,
      pe_group: p.peGroup,
      health_notes: p.healthNotes,
      life_situation: p.lifeSituation,
      personal_file_no: p.personalFileNo,
    },
    guardians: (s.guardians ?? []).map(guardianToForm),
  };
}
