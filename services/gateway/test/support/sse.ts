/** One block of a Server-Sent Events stream, as a browser's EventSource would parse it. */
export interface SseBlock {
  event?: string;
  data?: string;
  retry?: string;
  comments: string[];
}

export interface SseStream {
  status: number;
  headers: Headers;
  blocks: SseBlock[];
  /** The data of every `order` event so far. */
  orders(): Array<{ orderId: string; status: string; statusReason: string | null }>;
  close(): Promise<void>;
}

function parseBlock(text: string): SseBlock {
  const block: SseBlock = { comments: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) block.comments.push(line.slice(1).trim());
    else {
      const at = line.indexOf(':');
      const field = line.slice(0, at);
      const value = line.slice(at + 1).trimStart();
      if (field === 'event' || field === 'data' || field === 'retry') block[field] = value;
    }
  }
  return block;
}

/** Opens a stream with fetch and collects its blocks in the background until closed. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const blocks: SseBlock[] = [];
  const reading = (async () => {
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          blocks.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by close(), or the server ended the stream.
    }
  })();
  return {
    status: res.status,
    headers: res.headers,
    blocks,
    orders: () => blocks.filter((b) => b.event === 'order').map((b) => JSON.parse(b.data!)),
    async close() {
      abort.abort();
      await reading;
    },
  };
}

export async function until<T>(fn: () => T | false | null | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('until: timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
