// Russian names of audit actions and objects for people reading the log.
export const ACTION_NAMES: Record<string, string> = {
  create: 'создание',
  update: 'изменение',
  delete: 'удаление',
  transfer: 'перевод',
  withdraw: 'выбытие',
  arrive: 'прибытие',
  login: 'вход',
  activate: 'активация',
  change_password: 'смена пароля',
  reset_password: 'сброс пароля',
  set_roles: 'изменение ролей',
  disable: 'отключение',
  enable: 'включение',
  mark_compromised: 'отметка об утечке',
  void: 'аннулирование',
  refused: 'отказ в доступе',
};

export const ENTITY_NAMES: Record<string, string> = {
  school: 'школа',
  academic_year: 'учебный год',
  period_scheme: 'учебные периоды',
  holiday: 'каникулы',
  bell_schedule: 'звонки',
  subject: 'предмет',
  room: 'кабинет',
  staff: 'сотрудник',
  class: 'класс',
  student: 'ученик',
  study_group: 'группа',
  app_user: 'пользователь',
  audit_log: 'журнал аудита',
  guardian_notice: 'заявление родителя',
  ipc: 'запрос',
  window: 'окно программы',
};

export const actionName = (a: string) => ACTION_NAMES[a] ?? a;
export const entityName = (e: string) => ENTITY_NAMES[e] ?? e;
