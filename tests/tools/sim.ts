// `npm run sim`: both simulators on loopback, with their URLs and credentials. Ctrl+C stops them.
import { startAutocrmSim } from '../sim/autocrm/server';
import { SIM_BASIC, SIM_KEYS } from '../sim/autocrm/seed';
import { CALLGEAR_KEYS, CALLGEAR_LOGIN, CALLGEAR_LOGIN_DATA_ONLY, startCallGearSim } from '../sim/callgear/server';

const autocrmPort = Number(process.env.AUTOCRM_SIM_PORT ?? 4010);
const callgearPort = Number(process.env.CALLGEAR_SIM_PORT ?? 4020);
const { server: autocrm } = await startAutocrmSim({ port: autocrmPort });
const { server: callgear } = await startCallGearSim({ port: callgearPort });

console.log(`AutoCRM simulator   ${autocrm.url()}/yii/api   (pages: ${autocrm.url()}/clients/1, control: ${autocrm.url()}/__control/)`);
console.log(`  Bearer keys: ${Object.keys(SIM_KEYS).join(', ')}   Basic: ${SIM_BASIC.login} / ${SIM_BASIC.password}`);
console.log('  undocumented behaviour: POST /__control/quirks (GET to read), faults: POST /__control/faults');
console.log(`CallGear simulator  Data API ${callgear.url()}/v2.0   Call API ${callgear.url()}/v4.0   control: ${callgear.url()}/__control/`);
console.log(`  access_token: ${CALLGEAR_KEYS.permanent}   login.user (each API its own session): ${CALLGEAR_LOGIN.login} / ${CALLGEAR_LOGIN.password}`);
console.log(`  without the Call API: key ${CALLGEAR_KEYS.dataOnly}, login ${CALLGEAR_LOGIN_DATA_ONLY.login} / ${CALLGEAR_LOGIN_DATA_ONLY.password}`);
console.log('  a 1,000-point day: POST /__control/faults {"dayLimit":1000,"minuteLimit":60}; brand operators: {"brand":"uis"}');
console.log('Press Ctrl+C to stop.');

const stop = async () => {
  await Promise.all([autocrm.close(), callgear.close()]);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
