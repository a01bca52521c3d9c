/**
 * Seeded AutoCRM data: three dealerships, users with phones and statuses (one fired, one blocked, one
 * without API rights), sources and sub-sources, purposes, clients with phones in the formats dealers
 * type, open and closed inquiries, worksheets and a service inquiry.
 */
export interface SimUser {
  id: number;
  person: string;
  first_name: string;
  last_name: string;
  middle_name: string;
  login: string;
  password: string;
  email: string;
  phone: string;
  work_phone: string;
  salon: number;
  user_autosalons: string;
  status: 1 | 2;
  blocked: 0 | 1;
  fired_date: string | null;
  /** Whether the user was granted API rights ("права для просмотра апи"). */
  api: boolean;
}

export interface Phone {
  id: number;
  type: number;
  number: string;
}

export interface SimPerson {
  id: number;
  firstName: string | null;
  lastName: string | null;
  middleName: string | null;
  email: string | null;
  phones: Phone[];
}

export interface SimClient {
  id: number;
  type: 'individual' | 'business';
  createdAt: string;
  primaryPersonId: number | null;
  primaryPerson: SimPerson | null;
  company: { id: number; name: string; phones: Phone[] } | null;
  persons: SimPerson[];
  tags: number[];
}

export type Row = Record<string, unknown> & { id: number };

export interface SeedData {
  autosalons: Row[];
  users: SimUser[];
  sources: Row[];
  sources2: Row[];
  requestTypes: Row[];
  requestResults: Row[];
  clients: SimClient[];
  requests: Row[];
  preparedServiceCases: Row[];
  cases: Row[];
  calls: Row[];
  tasks: Row[];
  events: Row[];
}

/** API keys of the simulator: key → user id. */
export const SIM_KEYS: Record<string, number> = {
  'sim-key-integration': 1, // all dealerships
  'sim-key-sever': 42, // «Север» only
  'sim-key-no-api': 43, // a user without API rights → 403
};
export const SIM_BASIC = { login: 'integration', password: 'integration-pass' };

const user = (u: Omit<SimUser, 'person' | 'fired_date' | 'work_phone'> & Partial<SimUser>): SimUser => ({
  person: [u.last_name, u.first_name, u.middle_name].filter(Boolean).join(" "),
  fired_date: null,
  work_phone: '',
  ...u,
});

const person = (id: number, lastName: string, firstName: string, middleName: string | null, phones: string[], email: string | null = null): SimPerson => ({
  id,
  lastName,
  firstName,
  middleName,
  email,
  phones: phones.map((number, i) => ({ id: id * 10 + i, type: i === 0 ? 2 : 1, number })),
});

export function seed(): SeedData {
  const clients: SimClient[] = [
    { id: 1, type: 'individual', createdAt: '2026-10-02 11:20:00', primaryPersonId: 101, primaryPerson: person(101, 'Иванов', 'Сергей', 'Петрович', ['8 (912) 345-67-89', '+7 495 229-00-01'], 'ivanov@example.ru'), company: null, persons: [], tags: [] },
    { id: 2, type: 'individual', createdAt: '2026-09-14 16:05:00', primaryPersonId: 102, primaryPerson: person(102, 'Сидорова', 'Ольга', 'Андреевна', ['+79161112233']), company: null, persons: [], tags: [] },
    { id: 3, type: 'business', createdAt: '2026-08-01 09:00:00', primaryPersonId: 103, primaryPerson: person(103, 'Громов', 'Артём', null, ['7 903 555 44 33']), company: { id: 31, name: 'ООО «Логистик»', phones: [{ id: 311, type: 1, number: '74957770011' }] }, persons: [person(104, 'Белова', 'Нина', null, ['8-926-100-20-30'])], tags: [] },
    { id: 4, type: 'individual', createdAt: '2026-06-20 12:00:00', primaryPersonId: 105, primaryPerson: person(105, 'Кузнецов', 'Алексей', 'Игоревич', ['9031234567']), company: null, persons: [], tags: [] },
    { id: 5, type: 'individual', createdAt: '2026-11-01 10:00:00', primaryPersonId: 106, primaryPerson: person(106, 'Новикова', 'Дарья', null, ['+7 (985) 700-00-01']), company: null, persons: [], tags: [] },
  ];
  return {
    autosalons: [
      { id: 1, name: 'Автосалон «Север»', address: 'Москва, Дмитровское ш., 100', phone: '+74952290000' },
      { id: 2, name: 'Автосалон «Юг»', address: 'Москва, Варшавское ш., 160', phone: '+74953330000' },
      { id: 3, name: 'Сервисный центр «Восток»', address: 'Москва, ш. Энтузиастов, 31', phone: '+74954440000' },
    ],
    users: [
      user({ id: 1, first_name: 'Интеграция', last_name: 'API', middle_name: '', login: SIM_BASIC.login, password: SIM_BASIC.password, email: 'api@sever-auto.ru', phone: '', salon: 1, user_autosalons: '1,2,3', status: 1, blocked: 0, api: true }),
      user({ id: 42, first_name: 'Анна', last_name: 'Петрова', middle_name: 'Викторовна', login: 'petrova', password: 'petrova-pass', email: 'a.petrova@sever-auto.ru', phone: '+7 (912) 000-00-42', work_phone: '101', salon: 1, user_autosalons: '1', status: 1, blocked: 0, api: true }),
      user({ id: 43, first_name: 'Игорь', last_name: 'Смирнов', middle_name: 'Олегович', login: 'smirnov', password: 'smirnov-pass', email: 'i.smirnov@sever-auto.ru', phone: '8 912 000 00 43', work_phone: '102', salon: 1, user_autosalons: '1', status: 1, blocked: 0, api: false }),
      user({ id: 44, first_name: 'Елена', last_name: 'Козлова', middle_name: 'Сергеевна', login: 'kozlova', password: 'kozlova-pass', email: 'e.kozlova@yug-auto.ru', phone: '79120000044', salon: 2, user_autosalons: '2', status: 1, blocked: 0, api: false }),
      user({ id: 45, first_name: 'Дмитрий', last_name: 'Орлов', middle_name: 'Павлович', login: 'orlov', password: 'orlov-pass', email: 'd.orlov@vostok-service.ru', phone: '+79120000045', salon: 3, user_autosalons: '3', status: 1, blocked: 0, api: false }),
      user({ id: 46, first_name: 'Павел', last_name: 'Фёдоров', middle_name: 'Ильич', login: 'fedorov', password: 'fedorov-pass', email: 'p.fedorov@sever-auto.ru', phone: '+79120000046', salon: 1, user_autosalons: '1', status: 2, blocked: 0, fired_date: '01.10.2026', api: false }),
      user({ id: 47, first_name: 'Ирина', last_name: 'Блинова', middle_name: 'Юрьевна', login: 'blinova', password: 'blinova-pass', email: 'i.blinova@yug-auto.ru', phone: '+79120000047', salon: 2, user_autosalons: '2', status: 1, blocked: 1, api: false }),
    ],
    sources: [
      { id: 1, name: 'Яндекс.Директ', salon_ids: [1, 2] },
      { id: 2, name: 'Сайт', salon_ids: [1, 2, 3] },
      { id: 3, name: 'Телефония', salon_ids: [1, 2, 3] },
      { id: 4, name: 'Авито', salon_ids: [1, 2] },
    ],
    sources2: [
      { id: 11, parent_id: 1, name: 'haval_jolion_2026', salon_ids: [1, 2] },
      { id: 12, parent_id: 3, name: 'Входящий звонок', salon_ids: [1, 2, 3] },
    ],
    requestTypes: [
      { id: 1, name: 'Покупка нового автомобиля', is_active: 1 },
      { id: 2, name: 'Сервисное обслуживание', is_active: 1 },
      { id: 3, name: 'Trade-in', is_active: 1 },
      { id: 4, name: 'Автомобиль с пробегом', is_active: 1 },
      { id: 5, name: 'Запчасти (архив)', is_active: 0 },
    ],
    requestResults: [
      { id: 1, name: 'Записан на визит', code: 'visit', for_reject: 0, is_active: 1 },
      { id: 2, name: 'Не дозвонились', code: 'no_answer', for_reject: 1, is_active: 1 },
    ],
    clients,
    requests: [
      { id: 123, salon_id: 1, type: 5, request_type_id: 1, source_id: 1, source2_id: 11, status: 2, phone: '+79123456789', first_name: 'Сергей', last_name: 'Иванов', comment: 'Интересуется Haval Jolion', external_id: null, assignee_id: 42, clientId: 1, call2_id: null, created_at: '2026-11-21 10:15:00' },
      { id: 124, salon_id: 1, type: 11, request_type_id: 1, source_id: 2, source2_id: null, status: 3, phone: '+79161112233', first_name: 'Ольга', last_name: 'Сидорова', comment: null, external_id: null, assignee_id: 43, clientId: 2, call2_id: null, created_at: '2026-10-01 12:00:00' },
    ],
    preparedServiceCases: [
      { id: 701, state: 0, salonId: 3, managerId: 45, clientId: 2, phoneNumber: '+79161112233', external_id: null, comment: 'ТО-2', primaryStatus: 5, createdAt: '2026-11-10 09:30:00' },
    ],
    cases: [
      { id: 501, kind: 'retail', category: 8, type: 4, state: 1, clientId: 1, salonId: 1, assigneeId: 42, primaryContactType: 5, external_id: null, createdAt: '2026-11-21 10:20:00' },
      { id: 502, kind: 'retail', category: 8, type: 4, state: 2, clientId: 4, salonId: 1, assigneeId: 43, primaryContactType: 11, external_id: null, createdAt: '2026-07-01 15:00:00' },
      { id: 503, kind: 'saleUsed', category: 2, type: 5, state: 0, clientId: 5, salonId: 2, assigneeId: 44, primaryContactType: 5, external_id: null, createdAt: '2026-11-20 17:45:00' },
    ],
    calls: [],
    tasks: [],
    events: [],
  };
}
