import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { ask } from '../shared/useBackground';
import { dictionaries } from './state';

interface Row {
  autocrmUserId: number;
  callgearEmployeeId: number | null;
  name: string;
}

/** The AutoCRM user ↔ CallGear employee mapping, editable by hand (the sync fills it). */
export function UsersSection() {
  const [rows, setRows] = useState<Row[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const d = dictionaries.value;
  useEffect(() => {
    ask({ type: 'userMap.get' }).then((saved) => {
      const users = d?.users ?? [];
      setRows(users.map((u) => ({ autocrmUserId: Number(u.id), name: u.name, callgearEmployeeId: saved.find((s) => s.autocrmUserId === Number(u.id))?.callgearEmployeeId ?? null })));
    });
  }, [d]);
  const save = async () => {
    const records = rows.filter((r) => r.callgearEmployeeId !== null).map((r) => ({ autocrmUserId: r.autocrmUserId, callgearEmployeeId: r.callgearEmployeeId!, name: r.name }));
    await ask({ type: 'userMap.save', records });
    setMessage(t('saved'));
  };
  return (
    <section class="cg-card" data-testid="users">
      <h2>{t('usersHeading')}</h2>
      <p class="cg-muted">{t('usersHint')}</p>
      <table class="cg-table">
        <thead><tr><th>{t('autocrmUser')}</th><th>{t('callgearEmployee')}</th></tr></thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={row.autocrmUserId} data-testid={`map-${row.autocrmUserId}`}>
              <td>{row.name}</td>
              <td>
                <select class="cg-input" aria-label={t('callgearEmployee')} value={row.callgearEmployeeId ?? ''} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, callgearEmployeeId: e.currentTarget.value ? Number(e.currentTarget.value) : null } : r)))}>
                  <option value="">—</option>
                  {(d?.employees ?? []).map((emp) => <option key={emp.id} value={String(emp.id)}>{emp.name}</option>)}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="cg-actions">
        <button type="button" class="cg-button" onClick={save} data-testid="save-users">{t('save')}</button>
        {message && <span class="cg-ok" role="status">{message}</span>}
      </div>
    </section>
  );
}
