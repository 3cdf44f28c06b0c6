import { sql, type RawBuilder } from 'kysely';

// SQL pieces the export tables share. `||` joins text on SQLite and PostgreSQL alike.

/** «Фамилия Имя Отчество» of the person table under `alias` (the patronymic only when there is one). */
export function personName(alias: string): RawBuilder<string> {
  const a = sql.ref(alias);
  return sql<string>`trim(${a}.last_name || ' ' || ${a}.first_name || ' ' || coalesce(${a}.middle_name, ''))`;
}

/** The same, or null when the left-joined person is missing. */
export function optPersonName(alias: string): RawBuilder<string | null> {
  const a = sql.ref(alias);
  return sql<
    string | null
  >`case when ${a}.id is null then null else trim(${a}.last_name || ' ' || ${a}.first_name || ' ' || coalesce(${a}.middle_name, '')) end`;
}
