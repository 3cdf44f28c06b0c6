/**
 * Copies text: the Clipboard API where it is allowed, else the `copy` command (the desktop window refuses every
 * permission, clipboard writing included, and the command needs none). True when the text reached the clipboard.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    let copied = false;
    const onCopy = (e: ClipboardEvent) => {
      e.preventDefault();
      e.clipboardData?.setData('text/plain', text);
      copied = !!e.clipboardData;
    };
    document.addEventListener('copy', onCopy, { capture: true });
    try {
      document.execCommand('copy');
    } finally {
      document.removeEventListener('copy', onCopy, { capture: true });
    }
    return copied;
  }
}
