#!/usr/bin/env node
/*
 * kafkajs smoke check against the local broker started by tools/kafka/kafka.sh.
 *
 *   node tools/kafka/probe-kafkajs.cjs                # full probe, exit 1 if an essential step fails
 *   KAFKA_BOOTSTRAP=127.0.0.1:9092 node tools/kafka/probe-kafkajs.cjs
 *   PROBE_KEEP_TOPIC=1 node ...                       # keep the topic (prints its name)
 *   PROBE_EXISTING_TOPIC=<name> node ...              # only check an earlier topic survived (restart/kill tests)
 *   PROBE_JSON=1 node ...                             # print the result table as JSON
 *
 * Requires kafkajs (2.2.4) resolvable from here: the workspace's node_modules,
 * or NODE_PATH=/path/to/node_modules.
 *
 * Steps (essential unless marked optional): admin.createTopics (12 partitions,
 * retention.ms=-1), fetchTopicMetadata, describeConfigs, idempotent producer
 * (1000 keyed messages), consumer group with eachBatch, admin.fetchOffsets /
 * fetchTopicOffsets, consumer.seek, a second group member (rebalance), and
 * (optional) a transactional producer incl. abort + sendOffsets.
 */
'use strict';

const { Kafka, logLevel } = require('kafkajs');

const BROKER = process.env.KAFKA_BOOTSTRAP || `127.0.0.1:${process.env.KAFKA_PORT || 9092}`;
const N = Number(process.env.PROBE_MESSAGES || 1000);
const PARTITIONS = 12;
const OVERALL_TIMEOUT_MS = Number(process.env.PROBE_TIMEOUT_MS || 180000);
const RUN = `${Date.now().toString(36)}-${process.pid}`;

const logs = [];
const logCreator = () => ({ namespace, level, label, log }) => {
  if (level <= logLevel.WARN) {
    const { message, timestamp, logger, ...rest } = log;
    logs.push({ level: label, namespace, message, extra: rest });
    if (process.env.PROBE_VERBOSE) console.error(`[kafkajs ${label}] ${namespace}: ${message}`, rest);
  }
};

const kafka = new Kafka({
  clientId: `probe-${RUN}`,
  brokers: [BROKER],
  logLevel: logLevel.WARN,
  logCreator,
  connectionTimeout: 3000,
  requestTimeout: 30000,
  // no client-level `retry` here: it would be inherited by the idempotent producer
  // and make kafkajs warn "Limiting retries for the idempotent producer ...".
});

const results = [];
async function step(name, fn, { optional = false } = {}) {
  const t0 = Date.now();
  try {
    const detail = await fn();
    results.push({ step: name, ok: true, optional, ms: Date.now() - t0, detail: detail ?? '' });
    console.log(`  ok   ${name} (${Date.now() - t0} ms)${detail ? ` - ${detail}` : ''}`);
    return true;
  } catch (e) {
    const err = `${e && e.name}: ${e && e.message}${e && e.type ? ` [${e.type}]` : ''}`;
    results.push({ step: name, ok: false, optional, ms: Date.now() - t0, error: err });
    console.log(`  FAIL ${name}${optional ? ' (optional)' : ''} (${Date.now() - t0} ms) - ${err}`);
    if (process.env.PROBE_VERBOSE && e && e.stack) console.error(e.stack);
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function waitFor(pred, ms, what) {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timeout after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}
const sumOffsets = (parts, field) => parts.reduce((a, p) => a + Number(p[field]), 0);

async function consumeAll({ topic, groupId, expect, extra = {} }) {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 1000, ...extra });
  const seen = new Map();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
      for (const m of batch.messages) {
        seen.set(`${batch.partition}:${m.offset}`, m.key && m.key.toString());
        resolveOffset(m.offset);
      }
      await heartbeat();
    },
  });
  await waitFor(() => seen.size >= expect, 60000, `${expect} messages in group ${groupId}`);
  return { consumer, seen };
}

async function checkExisting(topic) {
  console.log(`kafkajs probe: checking persisted topic ${topic} on ${BROKER}`);
  const admin = kafka.admin();
  await step('admin.connect', () => admin.connect());
  let total = 0;
  await step('fetchTopicOffsets (persisted)', async () => {
    const offs = await admin.fetchTopicOffsets(topic);
    total = sumOffsets(offs, 'high') - sumOffsets(offs, 'low');
    if (total <= 0) throw new Error('topic is empty');
    return `${offs.length} partitions, ${total} messages`;
  });
  await step('consume persisted messages (new group)', async () => {
    const { consumer, seen } = await consumeAll({ topic, groupId: `probe-persist-${RUN}`, expect: total });
    await consumer.disconnect();
    return `${seen.size} messages`;
  });
  await admin.disconnect();
}

async function fullProbe() {
  const topic = `probe-${RUN}`;
  const groupId = `probe-group-${RUN}`;
  console.log(`kafkajs probe against ${BROKER}, topic ${topic}`);
  const admin = kafka.admin();

  await step('admin.connect + describeCluster', async () => {
    await admin.connect();
    const c = await admin.describeCluster();
    return `clusterId=${c.clusterId} controller=${c.controller} brokers=${c.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`).join(',')}`;
  });

  await step('admin.createTopics (12 partitions, retention.ms=-1)', async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1, configEntries: [{ name: 'retention.ms', value: '-1' }] }],
    });
    if (!created) throw new Error('createTopics returned false');
  });

  await step('admin.createTopics (duplicate -> TOPIC_ALREADY_EXISTS)', async () => {
    try {
      const r = await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }] });
      return `returned ${r} (no error)`;
    } catch (e) {
      const t = (e.errors && e.errors[0] && e.errors[0].type) || e.type || e.message;
      if (!/TOPIC_ALREADY_EXISTS/.test(String(t))) throw e;
      return String(t);
    }
  }, { optional: true });

  await step('admin.fetchTopicMetadata', async () => {
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    const n = md.topics[0].partitions.length;
    if (n !== PARTITIONS) throw new Error(`expected ${PARTITIONS} partitions, got ${n}`);
    return `${n} partitions, leaders ${[...new Set(md.topics[0].partitions.map((p) => p.leader))].join(',')}`;
  });

  await step('admin.listTopics', async () => {
    const t = await admin.listTopics();
    if (!t.includes(topic)) throw new Error('topic not listed');
    return `${t.length} topics`;
  });

  await step('admin.describeConfigs (topic retention.ms)', async () => {
    const r = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* TOPIC */, name: topic, configNames: ['retention.ms', 'retention.bytes'] }] });
    const entries = Object.fromEntries(r.resources[0].configEntries.map((e) => [e.configName, e.configValue]));
    if (entries['retention.ms'] !== '-1') throw new Error(`retention.ms=${entries['retention.ms']}`);
    return JSON.stringify(entries);
  });

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await step(`idempotent producer: send ${N} keyed messages`, async () => {
    await producer.connect();
    const batch = 100;
    for (let i = 0; i < N; i += batch) {
      const messages = [];
      for (let j = i; j < Math.min(N, i + batch); j++) {
        messages.push({ key: `key-${j % 97}`, value: JSON.stringify({ i: j, run: RUN }), headers: { 'x-probe': RUN } });
      }
      await producer.send({ topic, messages });
    }
  });

  await step('admin.fetchTopicOffsets (sum of high watermarks)', async () => {
    const offs = await admin.fetchTopicOffsets(topic);
    const total = sumOffsets(offs, 'high');
    if (total !== N) throw new Error(`expected ${N}, got ${total}`);
    const used = offs.filter((p) => Number(p.high) > 0).length;
    return `total ${total}, ${used}/${offs.length} partitions used`;
  });

  await step('auto.create.topics.enable=false: producing to a missing topic fails', async () => {
    const p = kafka.producer({ retry: { retries: 1, initialRetryTime: 100 } });
    await p.connect();
    try {
      await p.send({ topic: `${topic}-missing`, messages: [{ value: 'x' }] });
      throw new Error('send to a missing topic succeeded (topic auto-created?)');
    } catch (e) {
      if (/auto-created/.test(e.message)) throw e;
      return `${e.name}: ${e.message}`.slice(0, 160);
    } finally {
      await p.disconnect();
    }
  }, { optional: true });

  let c1;
  let seen1;
  await step(`consumer group eachBatch: consume all ${N}`, async () => {
    const r = await consumeAll({ topic, groupId, expect: N });
    c1 = r.consumer;
    seen1 = r.seen;
    const keysOk = [...r.seen.values()].every((k) => /^key-\d+$/.test(k));
    if (!keysOk) throw new Error('unexpected keys');
    return `${r.seen.size} messages`;
  });

  await step('admin.fetchOffsets (committed group offsets)', async () => {
    let committed = 0;
    await waitFor(async () => {
      const r = await admin.fetchOffsets({ groupId, topics: [topic] });
      committed = sumOffsets(r[0].partitions.map((p) => ({ offset: Math.max(0, Number(p.offset)) })), 'offset');
      return committed === N;
    }, 15000, 'committed offsets');
    return `committed ${committed}`;
  });

  await step('admin.describeGroups / listGroups', async () => {
    const d = await admin.describeGroups([groupId]);
    const g = d.groups[0];
    const l = await admin.listGroups();
    if (!l.groups.some((x) => x.groupId === groupId)) throw new Error('group not listed');
    return `state=${g.state} protocolType=${g.protocolType} protocol=${g.protocol} members=${g.members.length}`;
  }, { optional: true });

  await step('consumer.seek (partition 0 -> offset 0, re-delivery)', async () => {
    if (!c1) throw new Error('no consumer');
    const p0 = [...seen1.keys()].filter((k) => k.startsWith('0:')).length;
    const before = seen1.size;
    const redelivered = new Set();
    // wrap: count re-deliveries of partition 0 by watching the map being re-set
    const origSet = seen1.set.bind(seen1);
    seen1.set = (k, v) => { if (k.startsWith('0:')) redelivered.add(k); return origSet(k, v); };
    c1.seek({ topic, partition: 0, offset: '0' });
    await waitFor(() => redelivered.size >= p0, 20000, `${p0} re-delivered messages from partition 0`);
    seen1.set = origSet;
    if (seen1.size !== before) throw new Error('seek produced new offsets');
    return `re-delivered ${redelivered.size}/${p0} messages of partition 0`;
  });

  await step('second consumer in same group -> rebalance, 100 new messages split', async () => {
    const assignments = { c1: null, c2: null };
    c1.on(c1.events.GROUP_JOIN, (e) => { assignments.c1 = e.payload.memberAssignment; });
    const c2 = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 1000 });
    c2.on(c2.events.GROUP_JOIN, (e) => { assignments.c2 = e.payload.memberAssignment; });
    const got = { c1: new Set(), c2: new Set() };
    const origSet = seen1.set.bind(seen1);
    seen1.set = (k, v) => { got.c1.add(k); return origSet(k, v); };
    await c2.connect();
    await c2.subscribe({ topics: [topic], fromBeginning: true });
    await c2.run({
      eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
        for (const m of batch.messages) { got.c2.add(`${batch.partition}:${m.offset}`); resolveOffset(m.offset); }
        await heartbeat();
      },
    });
    await waitFor(() => assignments.c1 && assignments.c2
      && (assignments.c1[topic] || []).length + (assignments.c2[topic] || []).length === PARTITIONS
      && (assignments.c1[topic] || []).length > 0 && (assignments.c2[topic] || []).length > 0,
    30000, 'rebalance assigning partitions to both members');
    got.c1.clear(); got.c2.clear();
    const msgs = Array.from({ length: 100 }, (_, i) => ({ key: `after-${i}`, value: 'x' }));
    await producer.send({ topic, messages: msgs });
    await waitFor(() => got.c1.size + got.c2.size >= 100, 30000, '100 new messages across both members');
    seen1.set = origSet;
    const detail = `c1 ${assignments.c1[topic].length} partitions/${got.c1.size} msgs, c2 ${assignments.c2[topic].length} partitions/${got.c2.size} msgs`;
    await c2.disconnect();
    return detail;
  });

  if (c1) await c1.disconnect().catch(() => {});

  await step('transactional producer: commit + abort + sendOffsets, read_committed check', async () => {
    const txTopic = `${topic}-tx`;
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic: txTopic, numPartitions: 3, replicationFactor: 1 }] });
    const tp = kafka.producer({ transactionalId: `probe-tx-${RUN}`, idempotent: true, maxInFlightRequests: 1 });
    await tp.connect();
    let tx = await tp.transaction();
    await tx.send({ topic: txTopic, messages: Array.from({ length: 10 }, (_, i) => ({ key: `c${i}`, value: 'committed' })) });
    await tx.sendOffsets({ consumerGroupId: `probe-txgroup-${RUN}`, topics: [{ topic, partitions: [{ partition: 0, offset: '1' }] }] });
    await tx.commit();
    tx = await tp.transaction();
    await tx.send({ topic: txTopic, messages: Array.from({ length: 5 }, (_, i) => ({ key: `a${i}`, value: 'aborted' })) });
    await tx.abort();
    await tp.disconnect();
    const values = [];
    const c = kafka.consumer({ groupId: `probe-txread-${RUN}`, sessionTimeout: 6000, heartbeatInterval: 1000 });
    await c.connect();
    await c.subscribe({ topics: [txTopic], fromBeginning: true });
    await c.run({ eachMessage: async ({ message }) => { values.push(message.value.toString()); } });
    await waitFor(() => values.length >= 10, 30000, '10 committed transactional messages');
    await sleep(1500);
    await c.disconnect();
    if (values.some((v) => v === 'aborted')) throw new Error('aborted messages visible to read_committed consumer');
    const txo = await admin.fetchOffsets({ groupId: `probe-txgroup-${RUN}`, topics: [topic] });
    const p0 = txo[0].partitions.find((p) => p.partition === 0);
    return `read ${values.length} committed, 0 aborted; sendOffsets committed p0=${p0 && p0.offset}`;
  }, { optional: true });

  if (process.env.PROBE_KEEP_TOPIC) {
    console.log(`  kept topic ${topic}`);
  } else {
    await step('admin.deleteTopics (cleanup)', () => admin.deleteTopics({ topics: [topic, `${topic}-tx`] }), { optional: true });
    await step('admin.deleteGroups (cleanup)', async () => {
      const r = await admin.deleteGroups([groupId, `probe-txread-${RUN}`, `probe-txgroup-${RUN}`]);
      return r.map((g) => `${g.groupId}:${g.errorCode}`).join(' ');
    }, { optional: true });
  }
  await producer.disconnect().catch(() => {});
  await admin.disconnect().catch(() => {});
  if (process.env.PROBE_KEEP_TOPIC) console.log(`PROBE_TOPIC=${topic}`);
}

async function main() {
  const timer = setTimeout(() => {
    console.log(`probe: overall timeout ${OVERALL_TIMEOUT_MS} ms`);
    summary();
    process.exit(2);
  }, OVERALL_TIMEOUT_MS);
  timer.unref();
  if (process.env.PROBE_EXISTING_TOPIC) await checkExisting(process.env.PROBE_EXISTING_TOPIC);
  else await fullProbe();
  const code = summary();
  process.exit(code);
}

function summary() {
  const failedEssential = results.filter((r) => !r.ok && !r.optional);
  const failedOptional = results.filter((r) => !r.ok && r.optional);
  const uniq = new Map();
  for (const l of logs) {
    const why = (l.extra && (l.extra.error || l.extra.type)) ? ` (${l.extra.error || l.extra.type})` : '';
    const k = `${l.level} ${l.namespace}: ${l.message}${why}`;
    uniq.set(k, (uniq.get(k) || 0) + 1);
  }
  console.log(`\nkafkajs warnings/errors logged: ${logs.length}`);
  for (const [k, n] of uniq) console.log(`  ${n}x ${k}`);
  if (failedOptional.length) console.log(`\noptional steps failed: ${failedOptional.map((r) => r.step).join('; ')}`);
  console.log(`\n${results.filter((r) => r.ok).length} passed, ${failedEssential.length + failedOptional.length} failed`);
  if (process.env.PROBE_JSON) console.log(JSON.stringify({ broker: BROKER, results, logs: [...uniq.keys()] }, null, 2));
  return failedEssential.length ? 1 : 0;
}

main().catch((e) => {
  console.error('probe crashed:', e);
  summary();
  process.exit(1);
});
