import WebSocket from 'ws';

/**
 * The service's memory right after a full garbage collection, in MiB, through its inspector (the
 * service runs with --inspect on `port`): the V8 heap in use plus the memory of Buffers and other
 * objects outside it (`external`), and the resident size then. What idle subscriptions hold,
 * without the garbage and allocator slack a resident size taken at any moment also counts.
 */
export async function afterGc(port: number, pid: number, rssMiB: (pid: number) => number): Promise<{ heap: number; rss: number }> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
  const ws = new WebSocket(target!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<{ result?: { result?: { value?: unknown } } }>((resolve) => {
      const mine = ++id;
      const onMessage = (data: Buffer) => {
        const message = JSON.parse(data.toString()) as { id?: number };
        if (message.id !== mine) return;
        ws.off('message', onMessage);
        resolve(message as { result?: { result?: { value?: unknown } } });
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
  try {
    await call('HeapProfiler.collectGarbage');
    await call('HeapProfiler.collectGarbage');
    const answer = await call('Runtime.evaluate', { expression: '(({ heapUsed, external }) => heapUsed + external)(process.memoryUsage())', returnByValue: true });
    return { heap: Number(answer.result?.result?.value) / 1024 / 1024, rss: rssMiB(pid) };
  } finally {
    ws.close();
  }
}
