#!/usr/bin/env node
// Writes a synthetic export (the JSON Lines format of export-topics) holding one intact ledger of N
// ResponseSubmitted events over 12 partitions, hashed and linked exactly as the outbox relay does, so
// the verify commands can be measured on a log of any size without Kafka:
//   node tools/audit/synthetic-log.cjs 1000000 /tmp/log.jsonl
//   npm run audit:verify-ledger -- --from-export /tmp/log.jsonl
const { createHash, randomUUID } = require('node:crypto');
const { createWriteStream } = require('node:fs');
const { once } = require('node:events');
const canonicalize = require('canonicalize');

async function main() {
  const count = Number(process.argv[2]);
  const out = process.argv[3];
  if (!Number.isInteger(count) || count < 1 || !out) {
    console.error('usage: node tools/audit/synthetic-log.cjs <events> <out.jsonl>');
    process.exit(2);
  }
  const stream = createWriteStream(out);
  const units = Array.from({ length: 150 }, () => randomUUID());
  const offsets = new Array(12).fill(0);
  let previousHash = '0'.repeat(64);
  for (let sequence = 1; sequence <= count; sequence += 1) {
    const responseId = randomUUID();
    const unit = sequence % units.length;
    const envelope = {
      id: randomUUID(),
      type: 'ResponseSubmitted',
      schemaVersion: 2,
      occurredAt: '2022-04-12T09:30:00+07:00',
      recordedAt: new Date(Date.UTC(2022, 3, 12) + sequence * 1000).toISOString(),
      source: 'survey-intake',
      subject: responseId,
      actor: { id: 'surveyor-01', kind: 'staff', roles: ['surveyor'] },
      correlationId: responseId,
      causationId: null,
      trace: {},
      ledger: { sequence, previousHash },
      data: {
        responseId,
        campaignId: null,
        unitId: units[unit],
        channel: 'paper',
        questionnaire: { questionnaireId: 'current', version: 1 },
        procedureId: 'id-card',
        serviceDate: '2022-04-12',
        collectedBy: { kind: 'surveyor', id: 'surveyor-01' },
        form: { startedAt: null, finishedAt: null },
        answers: Array.from({ length: 16 }, (_, i) => ({ itemId: `I${i + 1}`, level: ((sequence + i) % 5) + 1 })),
        expectations: [],
        profileGroups: {},
        personal: null,
      },
    };
    const text = canonicalize(envelope);
    previousHash = createHash('sha256').update(text).digest('hex');
    const partition = unit % 12;
    const line = {
      topic: 'hailong.intake.responses',
      partition,
      offset: String(offsets[partition]++),
      key: units[unit],
      valueBase64: Buffer.from(text).toString('base64'),
    };
    if (!stream.write(JSON.stringify(line) + '\n')) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
  console.log(`${count} events written to ${out}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
