import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemas } from '../../main/contract/index';
import { channelName, fieldValueText } from '../../main/contract/rules/audit-labels';

// Refusals in the audit log name the operation that was refused: in Russian, for every channel there is.

test('every channel has a Russian name: its area and what it does, no Latin letters', () => {
  for (const channel of Object.keys(schemas)) {
    const name = channelName(channel);
    assert.notEqual(name, 'неизвестная операция', channel);
    assert.doesNotMatch(name, /[A-Za-z]/, `${channel}: ${name}`);
  }
  assert.equal(channelName('groups.save'), 'группы: изменение');
  assert.equal(channelName('groups.delete'), 'группы: удаление или отмена');
  assert.equal(channelName('audit.export'), 'журнал аудита: выгрузка файла');
  assert.equal(channelName('no.such'), 'неизвестная операция');
  assert.equal(channelName('vshk.report'), 'ВШК (контрольные работы): просмотр');
  assert.equal(channelName('attendance.export'), 'посещаемость: выгрузка файла');
  assert.equal(channelName('programme.report'), 'выполнение программы: просмотр');
  assert.equal(fieldValueText('channel', 'journal.saveCell'), 'журнал: изменение');
  assert.equal(fieldValueText('date', '2026-12-02'), '02.12.2026');
});
