import { Drawer, Select, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { GUIDES, guideFor } from './guides';
import { Markdown, parseMarkdown } from './markdown';

// «Справка»: the guide of the user's role, opened (F1, the header's button, Electron's menu) at the section about the
// screen the user is on; any other guide can be chosen in the list.

export function HelpDrawer({ open, screen, roles, onClose }: { open: boolean; screen: string; roles: string[]; onClose(): void }) {
  const [key, setKey] = useState(() => guideFor(roles).key);
  const body = useRef<HTMLDivElement>(null);
  const guide = GUIDES.find((g) => g.key === key)!;
  const blocks = useMemo(() => parseMarkdown(guide.text), [guide]);
  // each opening starts from the role's guide
  useEffect(() => {
    if (open) setKey(guideFor(roles).key);
  }, [open, roles]);
  // the drawer's content mounts after it opens: scroll once the pane and the section are there
  useEffect(() => {
    if (!open) return;
    let frame = 0;
    let tries = 0;
    const go = () => {
      const pane = body.current;
      const el = pane?.querySelector<HTMLElement>(`[data-section="${CSS.escape(screen)}"]`);
      if (pane && el)
        pane.scrollTop = el.offsetTop; // the pane is the heading's offset parent
      else if (pane && !el) pane.scrollTop = 0;
      else if (tries++ < 60) frame = requestAnimationFrame(go);
    };
    frame = requestAnimationFrame(go);
    return () => cancelAnimationFrame(frame);
  }, [open, screen, key]);
  return (
    <Drawer title="Справка" open={open} onClose={onClose} width={760}>
      <Select
        aria-label="Руководство"
        style={{ width: '100%', marginBottom: 12 }}
        value={key}
        onChange={setKey}
        options={GUIDES.map((g) => ({ value: g.key, label: g.title }))}
      />
      <div
        ref={body}
        data-testid="help-body"
        data-guide={key}
        style={{ maxHeight: 'calc(100vh - 170px)', overflow: 'auto', position: 'relative' }}
      >
        <Typography>
          <Markdown blocks={blocks} current={screen} />
        </Typography>
      </div>
    </Drawer>
  );
}
