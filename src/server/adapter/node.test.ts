import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../store/read-model.js';
import { isLoopback, listen } from './node.js';

const model = readModel(join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'workbench'));

describe('node adapter', () => {
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.2', '10.0.0.1', 'example.com'].some(isLoopback)).toBe(false);
  });

  it('refuses to listen beyond loopback without a token', async () => {
    await expect(listen({ model }, { host: '0.0.0.0', port: 0 })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0 without an access token/,
    );
    await expect(listen({ model }, { host: '0.0.0.0', port: 0, token: 'short' })).rejects.toThrow(
      /at least 16 characters/,
    );
  });

  it('serves on 127.0.0.1 by default and answers over a socket', async () => {
    const s = await listen({ model }, { port: 0 });
    try {
      expect(s.host).toBe('127.0.0.1');
      expect(s.url).toBe(`http://127.0.0.1:${s.port}/`);
      const res = await fetch(`${s.url}api/health`);
      expect(await res.json()).toEqual({ ok: true, name: 'tyl', model: 'workbench' });
    } finally {
      await s.close();
    }
  });

  it('checks the token on every API request when listening with one', async () => {
    const token = 'test-token-0123456789';
    const s = await listen({ model }, { host: '0.0.0.0', port: 0, token });
    try {
      const url = `http://127.0.0.1:${s.port}/api/entities`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    } finally {
      await s.close();
    }
  });
});
