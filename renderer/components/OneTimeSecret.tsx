import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { copyText } from './clipboard';

// A secret the program shows once (issue 15 part 6): an activation code after a new account or a password reset. It
// stays on the screen until the administrator dismisses it — no click beside it, no Esc closes it — and can be copied
// or printed (the print shows this dialog alone: `.print-area` in index.html).

export interface OneTimeSecretValue {
  /** What the secret is, as the heading says it: «Код активации». */
  what: string;
  /** Whose it is: «teacher07 (Петрова Анна Сергеевна)». */
  whose: string;
  secret: string;
  /** What to do with it, one sentence. */
  hint: string;
}

export function OneTimeSecretModal({ value, onClose }: { value: OneTimeSecretValue | null; onClose(): void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Modal
      open={!!value}
      title={value ? `${value.what} — показывается один раз` : ''}
      closable={false}
      keyboard={false}
      maskClosable={false}
      destroyOnHidden
      width="min(640px, calc(100vw - 32px))"
      data-testid="one-time-secret"
      footer={
        <Space wrap className="no-print">
          <Button
            onClick={async () => {
              if (value) setCopied(await copyText(value.secret));
            }}
          >
            Скопировать
          </Button>
          <Button onClick={() => window.print()}>Печать</Button>
          <Button type="primary" onClick={close}>
            Я передал(а), закрыть
          </Button>
        </Space>
      }
    >
      {value && (
        <div className="print-area">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {value.what} для <b>{value.whose}</b>:
            </Typography.Text>
            <Typography.Text code style={{ fontSize: 22, letterSpacing: 2 }} data-testid="one-time-secret-value">
              {value.secret}
            </Typography.Text>
            <Alert className="no-print" type="warning" showIcon title={value.hint} />
            {copied !== null && (
              <Typography.Text className="no-print" type={copied ? 'success' : 'danger'} data-testid="one-time-secret-copied">
                {copied ? 'Скопировано в буфер обмена.' : 'Не удалось скопировать: перепишите или распечатайте.'}
              </Typography.Text>
            )}
          </Space>
        </div>
      )}
    </Modal>
  );
}
