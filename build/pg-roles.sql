-- The least rights of the program's own PostgreSQL role (issue 17, part 4; docs/POSTGRES.md, docs/guide/admin.md).
--
-- Run by the database's OWNER (the role that ran `school-journal init` / `migrate`), connected to the journal's
-- database, after the tables exist; run it again after every `migrate` that adds tables (the default privileges
-- below cover tables the owner creates later, the second run changes nothing):
--
--   psql "postgresql://sj_owner@server/school" -v app_role=sj_app -f build/pg-roles.sql
--
-- The program's role then reads and writes the journal's rows and nothing else: no table or schema changes, no
-- update or delete of the audit log (the append-only triggers refuse them too: this is the second lock), no writes
-- to the migrations' bookkeeping.
\set ON_ERROR_STOP on

-- Nobody but the owner creates objects in the schema (PostgreSQL 15 and later already start so).
revoke create on schema public from public;
grant usage on schema public to :"app_role";

-- Rows of every table: read, add, change, remove.
grant select, insert, update, delete on all tables in schema public to :"app_role";
-- The audit log only grows: read and append.
revoke update, delete, truncate on audit_log from :"app_role";
-- The migrations' list is read (the program checks the schema's version), written only by the owner's migrate.
revoke insert, update, delete, truncate on kysely_migration, kysely_migration_lock from :"app_role";
-- Identity columns number new rows from their sequences.
grant usage, select on all sequences in schema public to :"app_role";

-- Tables and sequences the owner's later migrations create get the same rights.
alter default privileges in schema public grant select, insert, update, delete on tables to :"app_role";
alter default privileges in schema public grant usage, select on sequences to :"app_role";
