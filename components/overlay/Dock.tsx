import { AfterCard, IncomingCard, Toast } from './Cards';
import { SoftphoneToggle } from './SoftphoneToggle';
import { afterCard, incoming } from './state';

/** Everything the extension shows on an AutoCRM page, in one corner that leaves AutoCRM's controls free. */
export function Dock({ onToggle, onRetry }: { onToggle: (shown: boolean) => void; onRetry: (key: string) => void }) {
  return (
    <>
      <div class="cg-cards">
        <IncomingCard onDismiss={() => (incoming.value = null)} />
        <AfterCard onDismiss={() => (afterCard.value = null)} onRetry={onRetry} />
        <Toast />
      </div>
      <SoftphoneToggle onToggle={onToggle} />
    </>
  );
}
