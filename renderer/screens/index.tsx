import type { ComponentType } from 'react';
import { AuditScreen } from './admin/AuditScreen';
import { ArchiveScreen } from './archive/ArchiveScreen';
import { BackupScreen } from './admin/BackupScreen';
import { SettingsScreen } from './admin/SettingsScreen';
import { UsersScreen } from './admin/UsersScreen';
import { HomeScreen } from './HomeScreen';
import { ResultsScreen } from './control/ResultsScreen';
import { ProblemsScreen } from './control/ProblemsScreen';
import { ForecastScreen } from './control/ForecastScreen';
import { ControlMonitoringScreen } from './control/ControlMonitoringScreen';
import { AttendanceScreen } from './control/AttendanceScreen';
import { ProgrammeScreen } from './control/ProgrammeScreen';
import { WeeklyControlScreen } from './control/WeeklyControlScreen';
import { CorrectionsScreen } from './journal/CorrectionsScreen';
import { FinalsScreen } from './journal/FinalsScreen';
import { HomeroomScreen } from './journal/HomeroomScreen';
import { JournalScreen } from './journal/JournalScreen';
import { RemarksScreen } from './journal/RemarksScreen';
import { LookupScreen } from './print/LookupScreen';
import { PrintScreen } from './print/PrintScreen';
import { YearCloseScreen } from './journal/YearCloseScreen';
import { BellsScreen } from './setup/BellsScreen';
import { ClassesScreen } from './setup/ClassesScreen';
import { GroupsScreen } from './setup/GroupsScreen';
import { RoomsScreen } from './setup/RoomsScreen';
import { SchoolScreen } from './setup/SchoolScreen';
import { StaffScreen } from './setup/StaffScreen';
import { StudentsScreen } from './setup/StudentsScreen';
import { SubjectsScreen } from './setup/SubjectsScreen';
import { YearScreen } from './setup/YearScreen';
import { ControlWorksScreen } from './timetable/ControlWorksScreen';
import { CurriculumScreen } from './timetable/CurriculumScreen';
import { LessonsScreen } from './timetable/LessonsScreen';
import { LoadScreen } from './timetable/LoadScreen';
import { PlansScreen } from './timetable/PlansScreen';
import { ImportScreen } from './setup/ImportScreen';
import { SubstitutionsScreen } from './timetable/SubstitutionsScreen';
import { TimetableScreen } from './timetable/TimetableScreen';

export interface ScreenDef {
  key: string;
  title: string;
  group: string;
  /** Shown only to users holding this permission; main checks it again on every call. */
  permission?: string;
  component: ComponentType;
}

// Every screen of the application, in menu order. Each area adds its own entries here.
export const SCREENS: ScreenDef[] = [
  { key: 'home', title: 'Главная', group: '', component: HomeScreen },
  { key: 'school', title: 'Школа', group: 'Школа и учебный год', permission: 'setup.read', component: SchoolScreen },
  { key: 'year', title: 'Учебный год: периоды и каникулы', group: 'Школа и учебный год', permission: 'setup.read', component: YearScreen },
  { key: 'bells', title: 'Звонки и режим работы', group: 'Школа и учебный год', permission: 'setup.read', component: BellsScreen },
  { key: 'subjects', title: 'Предметы', group: 'Школа и учебный год', permission: 'setup.read', component: SubjectsScreen },
  { key: 'rooms', title: 'Кабинеты', group: 'Школа и учебный год', permission: 'setup.read', component: RoomsScreen },
  { key: 'staff', title: 'Сотрудники', group: 'Школа и учебный год', permission: 'setup.read', component: StaffScreen },
  { key: 'classes', title: 'Классы', group: 'Школа и учебный год', permission: 'setup.read', component: ClassesScreen },
  { key: 'students', title: 'Ученики и движение', group: 'Школа и учебный год', permission: 'students.read', component: StudentsScreen },
  { key: 'groups', title: 'Группы и подгруппы', group: 'Школа и учебный год', permission: 'setup.read', component: GroupsScreen },
  // Students need students.write (and students.personal), the rest setup.write: main checks each kind.
  { key: 'import', title: 'Импорт списков', group: 'Школа и учебный год', permission: 'setup.write', component: ImportScreen },
  { key: 'curriculum', title: 'Учебный план', group: 'Учебный план и расписание', permission: 'setup.read', component: CurriculumScreen },
  { key: 'load', title: 'Нагрузка учителей', group: 'Учебный план и расписание', permission: 'setup.read', component: LoadScreen },
  { key: 'timetable', title: 'Расписание', group: 'Учебный план и расписание', permission: 'setup.read', component: TimetableScreen },
  { key: 'lessons', title: 'Уроки года', group: 'Учебный план и расписание', permission: 'setup.read', component: LessonsScreen },
  {
    key: 'substitutions',
    title: 'Замены и переносы',
    group: 'Учебный план и расписание',
    permission: 'setup.read',
    component: SubstitutionsScreen,
  },
  {
    key: 'plans',
    title: 'Тематическое планирование (КТП)',
    group: 'Учебный план и расписание',
    permission: 'setup.read',
    component: PlansScreen,
  },
  {
    key: 'control-works',
    title: 'График контрольных работ',
    group: 'Учебный план и расписание',
    permission: 'setup.read',
    component: ControlWorksScreen,
  },
  { key: 'journal', title: 'Журнал класса', group: 'Классный журнал', permission: 'journal.read', component: JournalScreen },
  { key: 'finals', title: 'Итоговые отметки', group: 'Классный журнал', permission: 'journal.read', component: FinalsScreen },
  {
    key: 'homeroom',
    title: 'Класс: сводка и посещаемость',
    group: 'Классный журнал',
    permission: 'journal.read',
    component: HomeroomScreen,
  },
  {
    key: 'remarks',
    title: 'Замечания по ведению журнала',
    group: 'Классный журнал',
    permission: 'journal.read',
    component: RemarksScreen,
  },
  {
    key: 'corrections',
    title: 'Исправления в журнале',
    group: 'Классный журнал',
    permission: 'journal.unlock',
    component: CorrectionsScreen,
  },
  { key: 'results', title: 'Успеваемость и качество', group: 'Контроль и анализ', permission: 'journal.read', component: ResultsScreen },
  { key: 'problems', title: 'Проблемные списки', group: 'Контроль и анализ', permission: 'journal.read', component: ProblemsScreen },
  { key: 'forecast', title: 'Прогноз отметок', group: 'Контроль и анализ', permission: 'journal.read', component: ForecastScreen },
  {
    key: 'vshk',
    title: 'ВШК: контрольные работы',
    group: 'Контроль и анализ',
    permission: 'journal.read',
    component: ControlMonitoringScreen,
  },
  { key: 'attendance', title: 'Посещаемость', group: 'Контроль и анализ', permission: 'journal.read', component: AttendanceScreen },
  { key: 'programme', title: 'Выполнение программы', group: 'Контроль и анализ', permission: 'journal.read', component: ProgrammeScreen },
  {
    key: 'weekly-control',
    title: 'Еженедельный контроль',
    group: 'Контроль и анализ',
    permission: 'journal.read',
    component: WeeklyControlScreen,
  },
  {
    key: 'year-close',
    title: 'Закрытие учебного года',
    group: 'Классный журнал',
    permission: 'year.council',
    component: YearCloseScreen,
  },
  { key: 'print', title: 'Печать документов', group: 'Печать и архив', permission: 'print.subject', component: PrintScreen },
  { key: 'settings', title: 'Правила и сроки', group: 'Администрирование', permission: 'settings.write', component: SettingsScreen },
  {
    key: 'lookup',
    title: 'Поиск в архиве успеваемости',
    group: 'Печать и архив',
    permission: 'archive.lookup',
    component: LookupScreen,
  },
  { key: 'archive', title: 'Архив: реестр и сроки хранения', group: 'Печать и архив', permission: 'archive', component: ArchiveScreen },
  { key: 'users', title: 'Пользователи', group: 'Администрирование', permission: 'users.manage', component: UsersScreen },
  { key: 'audit', title: 'Журнал аудита', group: 'Администрирование', permission: 'audit.read', component: AuditScreen },
  { key: 'backup', title: 'Резервные копии', group: 'Администрирование', permission: 'backup.manage', component: BackupScreen },
];
