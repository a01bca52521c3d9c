import { useId, useState } from 'preact/hooks';
import { t } from '../i18n';
import { InfoIcon } from './icons';
import './hint.css';

/**
 * A hint that a keyboard and a finger reach, not only a mouse: a focusable button (Tab) that opens its
 * text on Enter, Space or a tap, and closes on Escape, on a second press, or when focus leaves it. The text
 * stays in the DOM (hidden while closed) so the button's aria-describedby always names it.
 */
export function Hint({ text, testId }: { text: string; testId?: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <span class="cg-hint" data-testid={testId}>
      <button
        type="button"
        class="cg-hint__button"
        aria-label={t('hintShow')}
        aria-expanded={open}
        aria-controls={id}
        aria-describedby={id}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setOpen(false);
          }
        }}
        onBlur={() => setOpen(false)}
        onPointerEnter={(event) => event.pointerType === 'mouse' && setOpen(true)}
        onPointerLeave={(event) => event.pointerType === 'mouse' && setOpen(false)}
      >
        <InfoIcon />
      </button>
      <span class="cg-hint__text" role="tooltip" id={id} hidden={!open}>
        {text}
      </span>
    </span>
  );
}
