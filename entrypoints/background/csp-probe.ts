/**
 * Reports whether this context may turn a string into code. The extension's CSP forbids it in the
 * service worker, which is why templates (nunjucks compiles them with `new Function`) render only in
 * the sandbox page. The popup shows the answer, and an end-to-end test asserts "blocked" from the
 * worker's own code: code evaluated through DevTools is exempt from the CSP and would prove nothing.
 */
export function probeStringEval(): 'blocked' | 'allowed' {
  try {
    // The one deliberate string evaluation outside the sandbox: it is expected to throw.
    new Function('return 1')();
    return 'allowed';
  } catch {
    return 'blocked';
  }
}
