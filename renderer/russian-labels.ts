// antd names its icons for screen readers in English (aria-label="down", "calendar", …) and its number inputs'
// arrows «Increase Value» / «Decrease Value»; nothing English is to be heard either. Every such label the page gets is
// replaced by its Russian name as soon as it appears; an icon without one becomes decorative (aria-hidden): the
// control around it carries its own name.

const ICONS: Record<string, string> = {
  down: 'раскрыть',
  up: 'свернуть',
  left: 'назад',
  right: 'вперёд',
  'double-left': 'на пять страниц назад',
  'double-right': 'на пять страниц вперёд',
  ellipsis: 'ещё',
  calendar: 'календарь',
  'clock-circle': 'время',
  'close-circle': 'очистить',
  close: 'закрыть',
  search: 'поиск',
  check: 'готово',
  'check-circle': 'готово',
  'exclamation-circle': 'внимание',
  'info-circle': 'сведения',
  'close-circle-filled': 'очистить',
  'eye-invisible': 'показать',
  eye: 'скрыть',
  plus: 'добавить',
  minus: 'убрать',
  delete: 'удалить',
  edit: 'изменить',
  loading: 'загрузка',
  'caret-down': 'раскрыть',
  'caret-up': 'свернуть',
  filter: 'фильтр',
  'vertical-align-top': 'наверх',
  swap: 'поменять',
  'swap-right': 'по',
  warning: 'предупреждение',
  question: 'справка',
  'question-circle': 'справка',
  upload: 'загрузить',
  download: 'скачать',
  'arrow-left': 'назад',
  'arrow-right': 'вперёд',
  holder: 'перетащить',
  file: 'файл',
  'file-text': 'документ',
  printer: 'печать',
  reload: 'обновить',
  save: 'сохранить',
  lock: 'заблокировано',
  unlock: 'разблокировано',
  user: 'пользователь',
};

const PHRASES: Record<string, string> = {
  'Increase Value': 'Увеличить',
  'Decrease Value': 'Уменьшить',
  Clear: 'Очистить',
};

const LATIN = /[A-Za-z]/;

function fix(el: Element): void {
  const label = el.getAttribute('aria-label');
  if (!label || !LATIN.test(label)) return;
  const russian = PHRASES[label] ?? (el.classList.contains('anticon') ? ICONS[label] : undefined);
  if (russian) el.setAttribute('aria-label', russian);
  else if (el.classList.contains('anticon')) {
    el.removeAttribute('aria-label');
    el.setAttribute('aria-hidden', 'true');
  }
}

function fixTree(root: ParentNode): void {
  if (root instanceof Element) fix(root);
  for (const el of root.querySelectorAll('[aria-label]')) fix(el);
}

/** Watches the document from now on (and fixes what is already there). */
export function russianLabels(): void {
  fixTree(document);
  new MutationObserver((records) => {
    for (const r of records)
      if (r.type === 'attributes' && r.target instanceof Element) fix(r.target);
      else for (const n of r.addedNodes) if (n instanceof Element) fixTree(n);
  }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
}
