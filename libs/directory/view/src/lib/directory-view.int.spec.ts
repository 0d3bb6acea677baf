import { createEvent, deadLetterTopic, EventEnvelope, platformEvents, Roles, Topics, UnplacedEvent } from '@hailong/contracts';
import { DirectoryEvent, historiesOf, stateOn, successorsOf, treeOn, UnitTreeNode } from '@hailong/directory/history';
import {
  createKafka,
  messagingMigrations,
  ensureTopics,
  MessagingConfig,
  messagingConfigFromEnv,
  OutboxRelay,
  OutboxWriter,
  prefixed,
  ProjectionConsumer,
  readTopicToEnd,
} from '@hailong/platform/messaging';
import { runMigrations } from '@hailong/platform/persistence';
import { assertKafkaReachable, createTestDatabase, eventually, TestDatabase, uniqueTopicPrefix } from '@hailong/platform/testing';
import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DirectoryViewError } from './directory-rows';
import { DirectoryView, directoryViewSubscription } from './directory-view';
import { createDirectoryViewMigration } from './directory-view.migration';

const quiet = {
  log: () => undefined,
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
};
const unit = (n: number) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

// A corner of Vĩnh Phúc (codes from shared/data) through its 2024–2025 reorganisations.
const P26 = unit(0x26); // Công an tỉnh Vĩnh Phúc
const D244 = unit(0x244); // Công an thành phố Phúc Yên
const D252 = unit(0x252); // Công an huyện Vĩnh Tường
const TRUNG_TRAC = unit(0x8734);
const TRUNG_NHI = unit(0x8740); // renamed Hai Bà Trưng on 2025-01-01
const HUNG_VUONG = unit(0x8737);
const TAN_TIEN = unit(0x9103); // merged away in 2024, successor unknown
const DAI_DONG = unit(0x9100);
const P25 = unit(0x25); // Công an tỉnh Phú Thọ, from 2025-07-01
const PHUC_YEN = unit(0x18740); // new commune, reuses code 08740
const VINH_HUNG = unit(0x19100); // new commune, reuses code 09100
const NOBODY = unit(0xfff);
const UNITS = [...[P26, D244, D252, TRUNG_TRAC, TRUNG_NHI, HUNG_VUONG, TAN_TIEN], ...[DAI_DONG, P25, PHUC_YEN, VINH_HUNG, NOBODY]];
const DATES = ['2019-12-31', '2024-06-01', '2025-01-01', '2025-04-01', '2025-07-01', '2025-08-01'];

const e = <T extends DirectoryEvent['type']>(type: T, data: Extract<DirectoryEvent, { type: T }>['data']) =>
  ({ type, data }) as DirectoryEvent;
const registered = (
  unitId: string,
  code: string,
  unitType: 'provincial-police' | 'district-police' | 'commune-police',
  parentId: string | null,
  nameVi: string,
  nameEn: string,
  validFrom = '2020-01-01',
) =>
  e('UnitRegistered', {
    unitId,
    code,
    unitType,
    nameVi,
    nameEn,
    parentId,
    areaCode: code,
    validFrom,
  });
const merged = (unitIds: string[], successorId: string, date: string) =>
  unitIds.map((unitId) =>
    e('UnitMerged', {
      unitId,
      successorId,
      mergedUnitIds: unitIds,
      effectiveDate: date,
    }),
  );
const moved = (unitId: string, from: string, to: string, date: string) =>
  e('UnitMoved', {
    unitId,
    parentId: to,
    previousParentId: from,
    effectiveDate: date,
  });

const registrationOf = (published: EventEnvelope[], unitId: string) => {
  const registration = published.find((p) => p.type === 'UnitRegistered' && p.subject === unitId);
  if (!registration) throw new Error(`${unitId} was never registered`);
  return registration.id;
};

/** The directory's commits, in order; a commit may refer to the envelopes of earlier ones. */
const commits: ((published: EventEnvelope[]) => DirectoryEvent[])[] = [
  () => [registered(P26, '26', 'provincial-police', null, 'Công an tỉnh Vĩnh Phúc', 'Vinh Phuc Provincial Police')],
  () => [
    registered(D244, '244', 'district-police', P26, 'Công an thành phố Phúc Yên', 'Phuc Yen City Police'),
    registered(D252, '252', 'district-police', P26, 'Công an huyện Vĩnh Tường', 'Vinh Tuong District Police'),
  ],
  () => [
    registered(TRUNG_TRAC, '08734', 'commune-police', D244, 'Công an phường Trưng Trắc', 'Trung Trac Ward Police'),
    registered(TRUNG_NHI, '08740', 'commune-police', D244, 'Công an phường Trưng Nhị', 'Trung Nhi Ward Police'),
    registered(HUNG_VUONG, '08737', 'commune-police', D244, 'Công an phường Hùng Vương', 'Hung Vuong Ward Police'),
    registered(TAN_TIEN, '09103', 'commune-police', D252, 'Công an xã Tân Tiến', 'Tan Tien Commune Police'),
    // Mis-keyed, corrected below: history is never edited.
    registered(DAI_DONG, '09100', 'commune-police', D252, 'Công an xã Đại Đông', 'Dai Dong Commune Police'),
  ],
  (published) => [
    e('UnitEventCorrected', {
      unitId: DAI_DONG,
      correctedEventId: registrationOf(published, DAI_DONG),
      correctedEventType: 'UnitRegistered',
      corrections: { nameVi: 'Công an xã Đại Đồng' },
      reason: 'Nhập sai dấu khi đăng ký',
      effectiveDate: '2020-01-01',
    }),
  ],
  // The late-2024 commune mergers, in force on 2025-01-01.
  () => [
    ...merged([TRUNG_TRAC], TRUNG_NHI, '2025-01-01'),
    e('UnitRenamed', {
      unitId: TRUNG_NHI,
      nameVi: 'Công an phường Hai Bà Trưng',
      nameEn: 'Hai Ba Trung Ward Police',
      effectiveDate: '2025-01-01',
    }),
  ],
  () => [
    e('UnitDissolved', {
      unitId: TAN_TIEN,
      successorId: null,
      successorUnknown: true,
      effectiveDate: '2025-01-01',
    }),
  ],
  // District police dissolved on 2025-03-01; their communes move under the province.
  () => [
    moved(TRUNG_NHI, D244, P26, '2025-03-01'),
    moved(HUNG_VUONG, D244, P26, '2025-03-01'),
    moved(DAI_DONG, D252, P26, '2025-03-01'),
    ...[D244, D252].map((unitId) =>
      e('UnitDissolved', {
        unitId,
        successorId: P26,
        successorUnknown: false,
        effectiveDate: '2025-03-01',
      }),
    ),
  ],
  // Vĩnh Phúc merges into Phú Thọ on 2025-07-01, its communes into new ones.
  () => [
    registered(P25, '25', 'provincial-police', null, 'Công an tỉnh Phú Thọ', 'Phu Tho Provincial Police', '2025-07-01'),
    registered(PHUC_YEN, '08740', 'commune-police', P25, 'Công an phường Phúc Yên', 'Phuc Yen Ward Police', '2025-07-01'),
    registered(VINH_HUNG, '09100', 'commune-police', P25, 'Công an xã Vĩnh Hưng', 'Vinh Hung Commune Police', '2025-07-01'),
    ...merged([TRUNG_NHI, HUNG_VUONG], PHUC_YEN, '2025-07-01'),
    ...merged([DAI_DONG], VINH_HUNG, '2025-07-01'),
    ...merged([P26], P25, '2025-07-01'),
  ],
];

/** A tree as codes and Vietnamese names, to state what a date's hierarchy looks like. */
type Outline = { [unit: string]: Outline };
const outline = (nodes: readonly UnitTreeNode[]): Outline =>
  Object.fromEntries(nodes.map((n) => [`${n.unit.code} ${n.unit.nameVi}`, outline(n.children)]));

describe('a directory view kept from the directory topic (real PostgreSQL and Kafka)', () => {
  let db: TestDatabase;
  let config: MessagingConfig;
  let kafka: Kafka;
  let directory: DataSource;
  let relay: OutboxRelay;
  const sides: { dataSource: DataSource; consumer: ProjectionConsumer }[] = [];
  const published: EventEnvelope[] = [];
  const log: DirectoryEvent[] = [];
  let groupId: string;

  /** A consumer service's schema with the messaging tables and the view, fed by a projection consumer. */
  const startView = async (schema: string) => {
    const dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema,
      migrations: [...messagingMigrations(schema), createDirectoryViewMigration(schema)],
    }).initialize();
    await runMigrations(dataSource, schema);
    const view = new DirectoryView(schema);
    const consumer = new ProjectionConsumer(directoryViewSubscription, ({ events, manager }) => view.record(manager, events), {
      service: 'survey-intake',
      schema,
      kafka,
      config,
      dataSource,
      registry: platformEvents,
      outbox: new OutboxWriter(schema, 'survey-intake', platformEvents),
      logger: quiet,
    });
    sides.push({ dataSource, consumer });
    await consumer.start();
    groupId = consumer.groupId;
    return { dataSource, view, consumer, schema };
  };
  type Side = Awaited<ReturnType<typeof startView>>;

  const highWatermarks = async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      return await admin.fetchTopicOffsets(prefixed(config, Topics.directoryEvents));
    } finally {
      await admin.disconnect();
    }
  };

  /** The view has applied (or skipped) everything on the topic: its stored offsets reach the end. */
  const caughtUp = async ({ dataSource, schema }: Side) => {
    const ends = await highWatermarks();
    await eventually(async () => {
      const rows: { partition: number; next_offset: string }[] = await dataSource.query(
        `SELECT partition, next_offset FROM "${schema}".consumer_offsets WHERE consumer_group = $1`,
        [groupId],
      );
      const stored = new Map(rows.map((r) => [r.partition, BigInt(r.next_offset)]));
      for (const { partition, high } of ends) {
        if (BigInt(high) > 0n) expect(stored.get(partition) ?? 0n).toBeGreaterThanOrEqual(BigInt(high));
      }
    });
  };

  const count = async ({ dataSource, schema }: Side, table: string) =>
    (await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".${table}`))[0].n as number;

  /** Every answer of the view, next to what the pure read model gives over the directory's own log. */
  const expectSameAnswersAsThePureReadModel = async ({ dataSource, view }: Side) => {
    const m = dataSource.manager;
    const histories = historiesOf(log);
    const historyOf = (id: string) => histories.find((h) => h[0].data.unitId === id) ?? [];
    for (const date of DATES) {
      expect(await view.treeOn(m, date)).toEqual(treeOn(histories, date));
      for (const id of UNITS) {
        expect(await view.unitOn(m, id, date)).toEqual(stateOn(historyOf(id), date));
        expect(await view.successorsOf(m, id, date)).toEqual(successorsOf(histories, id, date));
      }
    }
    for (const id of UNITS) {
      expect(await view.history(m, id)).toEqual(historyOf(id));
    }
  };

  beforeAll(async () => {
    await assertKafkaReachable();
    db = await createTestDatabase('directory_view');
    config = {
      ...messagingConfigFromEnv('unit-directory'),
      topicPrefix: uniqueTopicPrefix('directory-view'),
      partitions: 3,
      outboxIdleMs: 50,
      consumerSessionTimeoutMs: 6000,
    };
    kafka = createKafka(config);
    await ensureTopics(kafka, config, [Topics.directoryEvents, deadLetterTopic('survey-intake')]);
    // The publishing side is the directory's own backbone: its outbox and its relay.
    directory = await new DataSource({
      type: 'postgres',
      url: db.url,
      schema: 'directory',
      migrations: messagingMigrations('directory'),
    }).initialize();
    await runMigrations(directory, 'directory');
    const outbox = new OutboxWriter('directory', 'unit-directory', platformEvents);
    for (const commit of commits) {
      const events = commit(published);
      const envelopes: UnplacedEvent[] = events.map((event) =>
        createEvent(platformEvents.definition(event.type), event.data.unitId, event.data, {
          source: 'unit-directory',
          actor: {
            id: 'editor',
            kind: 'staff',
            roles: [Roles.directoryEditor],
          },
          correlationId: randomUUID(),
        }),
      );
      await directory.transaction((m) => outbox.append(m, envelopes));
      published.push(...envelopes);
      log.push(...events);
    }
    relay = new OutboxRelay(db.url, 'directory', kafka, config, quiet);
    relay.start();
    await eventually(async () => {
      const [{ pending }] = await directory.query(`SELECT count(*)::int AS pending FROM directory.outbox WHERE published_at IS NULL`);
      expect(pending).toBe(0);
    });
  });

  afterAll(async () => {
    for (const side of sides) await side.consumer.stop();
    await relay?.stop();
    for (const side of sides) await side.dataSource.destroy();
    await directory?.destroy();
    await db?.drop();
  });

  /** The topic's events in ledger order, decoded as a consumer sees them. */
  const topicEvents = async () => {
    const events: EventEnvelope[] = [];
    await readTopicToEnd(kafka, config, Topics.directoryEvents, async (_p, batch) => {
      for (const message of batch) events.push(platformEvents.decode(message.value as Buffer));
    });
    return events.sort((a, b) => (a.ledger?.sequence ?? 0) - (b.ledger?.sequence ?? 0));
  };

  it('the topic carries the directory’s commits in ledger order, spread over partitions by unit', async () => {
    const events = await topicEvents();
    expect(events.map((e) => e.id)).toEqual(published.map((p) => p.id));
    expect(events.map((e) => e.ledger?.sequence)).toEqual(published.map((_, i) => i + 1));
    const partitions = (await highWatermarks()).filter((o) => o.high !== '0');
    expect(partitions.length).toBeGreaterThan(1);
  });

  let first: Side;

  it('gives the same trees, as-of units, successors and histories as the pure read model', async () => {
    first = await startView('view_first');
    await caughtUp(first);
    expect(await count(first, 'directory_events')).toBe(log.length);
    await expectSameAnswersAsThePureReadModel(first);
    // Nothing was dead-lettered on the way.
    expect(await count(first, 'outbox')).toBe(0);
  });

  it('shows the hierarchy as it was on each date, with the corrected name and the rename', async () => {
    const m = first.dataSource.manager;
    expect(outline(await first.view.treeOn(m, '2024-06-01'))).toEqual({
      '26 Công an tỉnh Vĩnh Phúc': {
        '244 Công an thành phố Phúc Yên': {
          '08734 Công an phường Trưng Trắc': {},
          '08737 Công an phường Hùng Vương': {},
          '08740 Công an phường Trưng Nhị': {},
        },
        '252 Công an huyện Vĩnh Tường': {
          '09100 Công an xã Đại Đồng': {},
          '09103 Công an xã Tân Tiến': {},
        },
      },
    });
    expect(outline(await first.view.treeOn(m, '2025-04-01'))).toEqual({
      '26 Công an tỉnh Vĩnh Phúc': {
        '08737 Công an phường Hùng Vương': {},
        '08740 Công an phường Hai Bà Trưng': {},
        '09100 Công an xã Đại Đồng': {},
      },
    });
    expect(outline(await first.view.treeOn(m, '2025-08-01'))).toEqual({
      '25 Công an tỉnh Phú Thọ': {
        '08740 Công an phường Phúc Yên': {},
        '09100 Công an xã Vĩnh Hưng': {},
      },
    });
  });

  it('answers an as-of lookup with the unit then, or null outside its validity', async () => {
    const m = first.dataSource.manager;
    expect(await first.view.unitOn(m, TRUNG_NHI, '2024-12-31')).toMatchObject({
      nameVi: 'Công an phường Trưng Nhị',
      parentId: D244,
    });
    expect(await first.view.unitOn(m, TRUNG_NHI, '2025-04-01')).toMatchObject({
      nameVi: 'Công an phường Hai Bà Trưng',
      parentId: P26,
    });
    expect(await first.view.unitOn(m, TRUNG_NHI, '2025-07-01')).toBeNull();
    expect(await first.view.unitOn(m, P25, '2025-06-30')).toBeNull();
    expect(await first.view.unitOn(m, NOBODY, '2025-01-01')).toBeNull();
  });

  it('follows lineage to today’s units, and says so when a successor is unknown', async () => {
    const m = first.dataSource.manager;
    expect(await first.view.successorsOf(m, TRUNG_TRAC, '2025-08-01')).toEqual({
      resolved: [PHUC_YEN],
    });
    expect(await first.view.successorsOf(m, D252, '2025-04-01')).toEqual({
      resolved: [P26],
    });
    expect(await first.view.successorsOf(m, D252, '2025-08-01')).toEqual({
      resolved: [P25],
    });
    expect(await first.view.successorsOf(m, TAN_TIEN, '2025-08-01')).toEqual({
      unknown: true,
    });
    expect(await first.view.successorsOf(m, NOBODY, '2025-08-01')).toEqual({
      unknown: true,
    });
  });

  it('refuses a date that is not YYYY-MM-DD', async () => {
    await expect(first.view.unitOn(first.dataSource.manager, P26, '2025-02-30')).rejects.toThrow(DirectoryViewError);
  });

  let second: Side;

  it('on a fresh start rebuilds from the topic, although Kafka remembers the group at the end', async () => {
    await first.consumer.stop();
    const admin = kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({
      groupId,
      topics: [prefixed(config, Topics.directoryEvents)],
    });
    await admin.disconnect();
    const ends = new Map((await highWatermarks()).map((o) => [o.partition, o.high]));
    for (const p of committed.partitions.filter((c) => ends.get(c.partition) !== '0')) expect(p.offset).toBe(ends.get(p.partition));

    second = await startView('view_fresh');
    await caughtUp(second);
    expect(await count(second, 'directory_events')).toBe(log.length);
    await expectSameAnswersAsThePureReadModel(second);
  });

  it('applied twice, counted once: redelivered events change nothing', async () => {
    const events = await topicEvents();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: prefixed(config, Topics.directoryEvents),
      messages: events.map((event) => ({
        key: platformEvents.partitionKeyOf(event),
        value: platformEvents.encode(event),
      })),
    });
    await producer.disconnect();
    await caughtUp(second);
    expect(await count(second, 'directory_events')).toBe(log.length);
    expect(await count(second, 'outbox')).toBe(0);
    await expectSameAnswersAsThePureReadModel(second);

    // And recorded again directly, bypassing the consumer's processed-event ids.
    await first.dataSource.transaction((m) => first.view.record(m, events));
    await first.dataSource.transaction((m) => first.view.record(m, events));
    expect(await count(first, 'directory_events')).toBe(log.length);
    await expectSameAnswersAsThePureReadModel(first);
  });

  it('refuses an event at a ledger place another event holds, and stores nothing of its batch', async () => {
    const events = await topicEvents();
    const [registration] = events;
    const impostor = { ...registration, id: randomUUID() };
    const next = {
      ...events[events.length - 1],
      id: randomUUID(),
      ledger: { sequence: events.length + 1, previousHash: '0'.repeat(64) },
    };
    await expect(first.dataSource.transaction((m) => first.view.record(m, [next, impostor]))).rejects.toThrow(
      /ledger place 1 is held by event/,
    );
    expect(await count(first, 'directory_events')).toBe(log.length);
  });
});
