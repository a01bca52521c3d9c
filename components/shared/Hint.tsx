import { useId, useState } from 'preact/hooks';
import { t } from '../i18n';
import { InfoIcon } from './icons';
import './hint.css';

/**
 * A hint that a keyboard and a finger reach, not only a mouse: a focusable button (Tab) that opens its
 * text on Enter, Space or a tap, and closes on Escape, on a second press, or when focus leaves it. The text
 * stays in the DOM (hidden while closed) so the button's aria-describedby always names it. A mouse also
 * opens it by hovering; a click then pins it open instead of closing what the hover just opened.
 */
export function Hint({ text, testId }: { text: string; testId?: string }) {
  const id = useId();
  const [shown, setShown] = useState<false | 'hover' | 'pinned'>(false);
  const open = shown !== false;
  return (
    <span class="cg-hint" data-testid={testId}>
      <button
        type="button"
        class="cg-hint__button"
        aria-label={t('hintShow')}
        aria-expanded={open}
        aria-controls={id}
        aria-describedby={id}
        onClick={() => setShown(shown === 'pinned' ? false : 'pinned')}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && open) {
            event.stopPropagation();
            setShown(false);
          }
        }}
        onBlur={() => setShown(false)}
        onPointerEnter={(event) => event.pointerType === 'mouse' && !open && setShown('hover')}
        onPointerLeave={(event) => event.pointerType === 'mouse' && shown === 'hover' && setShown(false)}
      >
        <InfoIcon />
      </button>
      <span class="cg-hint__text" role="tooltip" id={id} hidden={!open}>
        {text}
      </span>
    </span>
  );
}
