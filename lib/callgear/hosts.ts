/** The brands of the CallGear platform and their API hosts (callgear.github.io data_api/index.html and call_api/index.html "Base URL"; the UIS and CoMagic pages likewise). */
export type Brand = 'callgear' | 'uis' | 'comagic';

export const BRAND_HOSTS: Record<Brand, { dataApi: string; callApi: string; app: string }> = {
  callgear: {
    dataApi: 'https://dataapi.callgear.com/v2.0',
    callApi: 'https://callapi.callgear.com/v4.0',
    app: 'https://app.callgear.com',
  },
  uis: {
    dataApi: 'https://dataapi.uiscom.ru/v2.0',
    callApi: 'https://callapi.uiscom.ru/v4.0',
    app: 'https://app.uiscom.ru',
  },
  comagic: {
    dataApi: 'https://dataapi.comagic.ru/v2.0',
    callApi: 'https://callapi.comagic.ru/v4.0',
    app: 'https://app.comagic.ru',
  },
};

/** Match patterns for `optional_host_permissions`: every API host of every brand. */
export const CALLGEAR_API_ORIGINS: string[] = Object.values(BRAND_HOSTS).flatMap((h) => [
  `${new URL(h.dataApi).origin}/*`,
  `${new URL(h.callApi).origin}/*`,
]);
