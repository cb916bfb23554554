'use strict';
// Benchmark peer: an ONNX model served by onnxruntime-node behind plain node:http,
// speaking the KServe V2 JSON inference protocol. What a JavaScript team would write.
//
//   MODEL   path to the .onnx file (required)
//   PORT    listen port     (default 8081, bound to 127.0.0.1)
//   ORT_THREADS  "1" (default): intraOpNumThreads=1, interOpNumThreads=1
//                "default": leave onnxruntime's thread defaults alone

const http = require('node:http');
const ort = require('onnxruntime-node');

const MODEL = process.env.MODEL;
if (!MODEL) { console.error('set MODEL to an .onnx file'); process.exit(2); }
const PORT = Number(process.env.PORT || 8081);
const HOST = '127.0.0.1';
const MODEL_NAME = 'm';
const INFER_PATH = `/v2/models/${MODEL_NAME}/infer`;
const MAX_BODY = 16 * 1024 * 1024;

// V2 datatype <-> onnxruntime-node tensor type
const V2_TO_ORT = {
  FP32: ['float32', Float32Array], FP64: ['float64', Float64Array],
  INT32: ['int32', Int32Array], INT64: ['int64', BigInt64Array],
  INT16: ['int16', Int16Array], INT8: ['int8', Int8Array],
  UINT8: ['uint8', Uint8Array], UINT16: ['uint16', Uint16Array],
  UINT32: ['uint32', Uint32Array], UINT64: ['uint64', BigUint64Array],
  BOOL: ['bool', Uint8Array],
};
const ORT_TO_V2 = {
  float32: 'FP32', float64: 'FP64', int32: 'INT32', int64: 'INT64', int16: 'INT16',
  int8: 'INT8', uint8: 'UINT8', uint16: 'UINT16', uint32: 'UINT32', uint64: 'UINT64',
  bool: 'BOOL', string: 'BYTES', float16: 'FP16',
};

function send(res, status, obj) {
  const body = JSON.stringify(obj);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function toFeed(session, inputs) {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new Error('"inputs" must be a non-empty array');
  const feeds = {};
  for (const inp of inputs) {
    if (!inp || typeof inp.name !== 'string') throw new Error('input without a name');
    if (!session.inputNames.includes(inp.name)) throw new Error(`unknown input "${inp.name}"`);
    const dt = V2_TO_ORT[inp.datatype];
    if (!dt) throw new Error(`unsupported datatype "${inp.datatype}"`);
    if (!Array.isArray(inp.shape) || !Array.isArray(inp.data)) throw new Error('shape and data must be arrays');
    const n = inp.shape.reduce((a, b) => a * b, 1);
    if (n !== inp.data.length) throw new Error(`shape ${JSON.stringify(inp.shape)} needs ${n} elements, got ${inp.data.length}`);
    const [type, Arr] = dt;
    let data;
    if (Arr === BigInt64Array || Arr === BigUint64Array) data = Arr.from(inp.data, (x) => BigInt(x));
    else if (type === 'bool') data = Uint8Array.from(inp.data, (x) => (x ? 1 : 0));
    else data = Arr.from(inp.data);
    feeds[inp.name] = new ort.Tensor(type, data, inp.shape);
  }
  return feeds;
}

function toV2Outputs(session, results) {
  const outputs = [];
  for (const name of session.outputNames) {
    const t = results[name];
    if (!(t instanceof ort.Tensor)) continue; // skip non-tensor outputs (sequences/maps)
    let data;
    if (t.type === 'int64' || t.type === 'uint64') data = Array.from(t.data, Number);
    else if (t.type === 'bool') data = Array.from(t.data, Boolean);
    else data = Array.from(t.data);
    outputs.push({ name, shape: t.dims.slice(), datatype: ORT_TO_V2[t.type] || t.type, data });
  }
  return outputs;
}

async function main() {
  const opts = process.env.ORT_THREADS === 'default'
    ? {}
    : { intraOpNumThreads: 1, interOpNumThreads: 1 };
  const session = await ort.InferenceSession.create(MODEL, opts);

  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== INFER_PATH) {
      if (req.method === 'GET' && (req.url === '/v2/health/ready' || req.url === '/v2/health/live')) {
        return send(res, 200, { ready: true });
      }
      return send(res, 404, { error: 'not found' });
    }
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { send(res, 413, { error: 'body too large' }); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', async () => {
      if (res.headersSent) return;
      let feeds;
      try {
        const body = JSON.parse(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
        feeds = toFeed(session, body && body.inputs);
      } catch (e) {
        return send(res, 400, { error: e.message });
      }
      try {
        const results = await session.run(feeds);
        send(res, 200, { model_name: MODEL_NAME, outputs: toV2Outputs(session, results) });
      } catch (e) {
        send(res, 500, { error: e.message });
      }
    });
  });
  server.keepAliveTimeout = 65000; // keep-alive is on by default in node:http; keep idle sockets a while
  server.listen(PORT, HOST, () => {
    console.log(`pid ${process.pid} serving ${MODEL} on http://${HOST}:${PORT}${INFER_PATH} ` +
      `(threads: ${process.env.ORT_THREADS === 'default' ? 'ort defaults' : '1/1'})`);
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
