// A stand-in for the CallGear Softphone extension on a simulated AutoCRM page. It emits exactly the
// events of docs/softphone-events.md through window.postMessage, and shows a small widget that the
// extension's toggle can show or hide. Tests drive it through window.fakeSoftphone.
(() => {
  const SOURCE = 'callgear-softphone';
  const emit = (type, payload) => window.postMessage({ source: SOURCE, version: 1, type, payload }, window.location.origin);

  const widget = document.createElement('div');
  widget.id = 'callgear-softphone-widget';
  widget.setAttribute('data-callgear-softphone', 'fake');
  widget.style.cssText = 'position:fixed;right:16px;bottom:72px;width:260px;height:340px;background:#1b1f24;color:#fff;border-radius:12px;padding:12px;font:13px sans-serif;box-shadow:0 6px 24px rgb(0 0 0/30%);display:none;z-index:2147482000';
  widget.textContent = 'CallGear Softphone (simulated)';
  document.documentElement.append(widget);

  let current = null;
  window.fakeSoftphone = {
    widget,
    incomingCall({ callSessionId, contact, virtualNumber = '74952290000', employeeId = 9001 }) {
      current = { call_session_id: callSessionId, contact_phone_number: contact, virtual_phone_number: virtualNumber, employee_id: employeeId, direction: 'in' };
      emit('call.incoming', current);
    },
    answer() {
      emit('call.answered', current);
    },
    end({ lost = false } = {}) {
      emit('call.ended', { ...current, is_lost: lost });
      current = null;
    },
    chatStarted({ chatId, visitorName, visitorPhone, employeeId = 9001, channelName }) {
      emit('chat.started', { chat_id: chatId, visitor_name: visitorName, visitor_phone_number: visitorPhone, employee_id: employeeId, chat_channel_name: channelName });
    },
    chatFinished({ chatId, visitorName, visitorPhone, employeeId = 9001, channelName }) {
      emit('chat.finished', { chat_id: chatId, visitor_name: visitorName, visitor_phone_number: visitorPhone, employee_id: employeeId, chat_channel_name: channelName });
    },
  };
  emit('softphone.ready', { version: 'simulated' });
})();
