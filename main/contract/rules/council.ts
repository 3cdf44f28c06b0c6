import type { CouncilDecisionKind } from '../unions';

// The pedagogical council's decisions at the end of a year, as the ledger's column and the screens word them.

export const DECISION_NAMES: Record<CouncilDecisionKind, string> = {
  promoted: 'переведён',
  conditional: 'условно переведён',
  retained: 'оставлен на повторное обучение',
  graduated: 'выпущен',
};

/** «переведена в 6 класс», «условно переведён в 6 класс», «оставлен на повторное обучение», «выпущена». */
export function decisionWording(kind: CouncilDecisionKind, grade: number, gender: 'м' | 'ж'): string {
  const f = gender === 'ж';
  switch (kind) {
    case 'promoted':
      return `${f ? 'переведена' : 'переведён'} в ${grade + 1} класс`;
    case 'conditional':
      return `условно ${f ? 'переведена' : 'переведён'} в ${grade + 1} класс`;
    case 'retained':
      return `${f ? 'оставлена' : 'оставлен'} на повторное обучение`;
    case 'graduated':
      return f ? 'выпущена' : 'выпущен';
  }
}

/** The name of a final mark's column in messages: «за 2 четверть» comes from the period's own name. */
export function markKindName(kind: string, periodName?: string): string {
  if (kind === 'year') return 'годовой отметки';
  if (kind === 'exam') return 'экзаменационной отметки';
  if (kind === 'final') return 'итоговой отметки';
  return `отметки за ${periodName ?? `период ${kind.slice(1)}`}`;
}

/** The same in the nominative: «годовая отметка», «отметка за 2 четверть». */
export function markKindTitle(kind: string, periodName?: string): string {
  if (kind === 'year') return 'годовая отметка';
  if (kind === 'exam') return 'экзаменационная отметка';
  if (kind === 'final') return 'итоговая отметка';
  return `отметка за ${periodName ?? `период ${kind.slice(1)}`}`;
}
