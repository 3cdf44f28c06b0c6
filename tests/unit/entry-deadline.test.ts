import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  delayText,
  isTimeZone,
  lateness as judge,
  localDate,
  localDayEnd,
  type EntryDetails,
  type EntryKind,
  type EntryLesson,
} from '../../main/contract/rules/entry-deadline';
import { DEFAULT_DEADLINES } from '../../main/contract/rules/settings';

/** The rule with the settings' defaults (the seeds' deadlines). */
const lateness = (kind: EntryKind, at: string, lesson: EntryLesson, tz: string, details?: EntryDetails) =>
  judge(kind, at, lesson, tz, DEFAULT_DEADLINES, details);

// The one rule deciding whether a journal entry is late (issue 11, part 12), on the school's clock.

test('a mark is late after 23:59 of the lesson day on the school clock, not in UTC', () => {
  // 18:30 UTC on 10 April: 00:30 on 11 April in Omsk (UTC+6), 21:30 in Moscow (UTC+3).
  assert.equal(lateness('mark', '2026-04-10T18:30:00.000Z', { date: '2026-04-10' }, 'Asia/Omsk'), 30);
  assert.equal(lateness('mark', '2026-04-10T18:30:00.000Z', { date: '2026-04-10' }, 'Europe/Moscow'), null);
  // Typed at 01:00 UTC on the lesson day in Vladivostok (UTC+10): 11:00 there, in time.
  assert.equal(lateness('absence', '2026-04-10T01:00:00.000Z', { date: '2026-04-10' }, 'Asia/Vladivostok'), null);
  assert.equal(localDate('2026-04-10T18:30:00.000Z', 'Asia/Omsk'), '2026-04-11');
  // December for an April lesson.
  const m = lateness('mark', '2026-12-02T09:00:00.000Z', { date: '2026-04-10' }, 'Europe/Moscow');
  assert.ok(m !== null && m > 200 * 24 * 60);
  assert.equal(lateness('topic', '2026-04-10T20:59:00.000Z', { date: '2026-04-10' }, 'Europe/Moscow'), null);
  assert.equal(lateness('topic', '2026-04-10T21:01:00.000Z', { date: '2026-04-10' }, 'Europe/Moscow'), 1);
});

test('homework is due 1.5 hours after the class’s last lesson of the day', () => {
  const lesson = { date: '2026-04-10', lastLessonEnd: '14:00' };
  // Moscow: 15:30 local = 12:30 UTC.
  assert.equal(lateness('homework', '2026-04-10T12:30:00.000Z', lesson, 'Europe/Moscow'), null);
  assert.equal(lateness('homework', '2026-04-10T12:45:00.000Z', lesson, 'Europe/Moscow'), 15);
  // Entered ahead, before the lesson: in time.
  assert.equal(lateness('homework', '2026-04-03T12:45:00.000Z', lesson, 'Europe/Moscow'), null);
  // Without a bell schedule: the lesson's day.
  assert.equal(lateness('homework', '2026-04-10T20:00:00.000Z', { date: '2026-04-10' }, 'Europe/Moscow'), null);
});

test('control and written works, and credited missed topics, follow seed 001 §2, §9, §10', () => {
  const lesson = { date: '2026-04-10' };
  const tz = 'Europe/Moscow';
  const twoDaysLater = '2026-04-12T10:00:00.000Z';
  assert.ok(lateness('mark', twoDaysLater, lesson, tz, { workType: 'Работа на уроке' })! > 0);
  assert.equal(lateness('mark', twoDaysLater, lesson, tz, { workType: 'Контрольная работа' }), null);
  assert.ok(lateness('mark', '2026-04-14T10:00:00.000Z', lesson, tz, { workType: 'Контрольная работа' })! > 0);
  assert.equal(lateness('mark', '2026-04-17T10:00:00.000Z', lesson, tz, { workType: 'Сочинение, изложение' }), null);
  assert.equal(lateness('mark', '2026-05-20T10:00:00.000Z', lesson, tz, { credited: true }), null);
});

test('delays read in Russian; unknown time zones are recognised', () => {
  assert.equal(delayText(5), 'на 5 мин');
  assert.equal(delayText(75), 'на 1 ч 15 мин');
  assert.equal(delayText(120), 'на 2 ч');
  assert.equal(delayText(3 * 24 * 60 + 4 * 60 + 10), 'на 3 дн. 4 ч');
  assert.equal(isTimeZone('Europe/Moscow'), true);
  assert.equal(isTimeZone('Mars/Olympus'), false);
});

test('a day when the clock changes is judged by the offset in force at the moment of entry', () => {
  // Berlin switches to summer time at 01:00 UTC on 29 March 2026 (+1 → +2).
  const lesson = { date: '2026-03-28' };
  assert.equal(lateness('mark', '2026-03-28T22:59:00.000Z', lesson, 'Europe/Berlin'), null); // 23:59 CET
  assert.equal(lateness('mark', '2026-03-28T23:30:00.000Z', lesson, 'Europe/Berlin'), 30); // 00:30 CET
  assert.equal(localDate('2026-03-29T00:59:00.000Z', 'Europe/Berlin'), '2026-03-29');
  assert.equal(lateness('mark', '2026-03-29T01:30:00.000Z', lesson, 'Europe/Berlin'), 3 * 60 + 30); // 03:30 CEST
});

test('the deadlines are the school’s settings: a written work under seed 004 §3.5 (3 days), homework within an hour', () => {
  const tz = 'Europe/Moscow';
  const rules = { ...DEFAULT_DEADLINES, writtenWorkDays: 3, homeworkMinutes: 60, topicDays: 1 };
  const lesson = { date: '2026-04-10', lastLessonEnd: '14:00' };
  // A dictation marked on the 5th day after: in time under seed 001 (a week), late under 004 (3 days) by a day and 13 h.
  assert.equal(judge('mark', '2026-04-15T10:00:00.000Z', lesson, tz, DEFAULT_DEADLINES, { workType: 'Диктант' }), null);
  assert.equal(judge('mark', '2026-04-15T10:00:00.000Z', lesson, tz, rules, { workType: 'Диктант' }), 24 * 60 + 13 * 60);
  // Homework at 15:10 local: in time with 90 minutes, 10 minutes late with 60.
  assert.equal(judge('homework', '2026-04-10T12:10:00.000Z', lesson, tz, DEFAULT_DEADLINES), null);
  assert.equal(judge('homework', '2026-04-10T12:10:00.000Z', lesson, tz, rules), 10);
  // A topic typed the next evening: late by default, in time when the school allows a day.
  assert.ok(judge('topic', '2026-04-11T17:00:00.000Z', lesson, tz, DEFAULT_DEADLINES)! > 0);
  assert.equal(judge('topic', '2026-04-11T17:00:00.000Z', lesson, tz, rules), null);
});

test('the end of a school day as a UTC instant: 23:59 on the school’s clock, also on a day the clock moves', () => {
  assert.equal(localDayEnd('2026-11-29', 'Asia/Omsk'), '2026-11-29T17:59:00.000Z');
  assert.equal(localDayEnd('2026-11-29', 'Europe/Moscow'), '2026-11-29T20:59:00.000Z');
  // Berlin: 29 March 2026 begins in winter time (+1) and ends in summer time (+2).
  assert.equal(localDayEnd('2026-03-29', 'Europe/Berlin'), '2026-03-29T21:59:00.000Z');
  assert.equal(localDayEnd('2026-03-28', 'Europe/Berlin'), '2026-03-28T22:59:00.000Z');
  assert.equal(localDate(localDayEnd('2026-12-31', 'Asia/Kamchatka'), 'Asia/Kamchatka'), '2026-12-31');
});
