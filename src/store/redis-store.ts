/** The shared store for several bot processes: keyv over Redis, with swap as one Lua script. */
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { KeyvStore } from './keyv-store.ts';
import type { MemberLists, Store, Versioned } from './store.ts';

const NAMESPACE = 'stepwise';

// KEYS[1] record key; ARGV[1] expected version (0: only if absent); ARGV[2] the new keyv envelope.
// KEEPTTL keeps an existing expiry: a swap never makes a record immortal or shortens its life.
const SWAP_SCRIPT = `
local current = redis.call('GET', KEYS[1])
local expected = tonumber(ARGV[1])
if current == false then
  if expected ~= 0 then return 0 end
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
local ok, decoded = pcall(cjson.decode, current)
if not ok or type(decoded) ~= 'table' or type(decoded.value) ~= 'table' then return 0 end
if tonumber(decoded.value.version) ~= expected then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
`;

// KEYS[1] the list (a sorted set), KEYS[2] its counter; ARGV[1] the member. The counter gives
// members the order they were first added in, across every process sharing the server.
const ADD_MEMBER_SCRIPT = `
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], redis.call('INCR', KEYS[2]), ARGV[1])
return 1
`;

/** Connects to Redis at `url` (e.g. redis://127.0.0.1:6379) as a Store. */
export async function createRedisStore(url: string): Promise<Store> {
  const adapter = new KeyvRedis(url, { namespace: NAMESPACE });
  const keyv = new Keyv({ store: adapter, namespace: NAMESPACE, useKeyPrefix: false });
  const client = adapter.client as unknown as {
    connect(): Promise<unknown>;
    isOpen: boolean;
    eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
    zRem(key: string, member: string): Promise<number>;
    zRange(key: string, start: number, stop: number): Promise<string[]>;
  };
  if (!client.isOpen) await client.connect();

  const swap = async (key: string, expectedVersion: number, value: Versioned): Promise<boolean> => {
    const result = await client.eval(SWAP_SCRIPT, {
      keys: [adapter.createKeyPrefix(key, NAMESPACE)],
      arguments: [String(expectedVersion), JSON.stringify({ value, expires: null })],
    });
    return result === 1;
  };
  const listKey = (key: string) => `${NAMESPACE}:members:${key}`;
  const lists: MemberLists = {
    add: async (key, member) => {
      await client.eval(ADD_MEMBER_SCRIPT, { keys: [listKey(key), `${listKey(key)}:seq`], arguments: [member] });
    },
    remove: async (key, member) => (await client.zRem(listKey(key), member)) > 0,
    list: async (key, newest) => client.zRange(listKey(key), newest === undefined ? 0 : -newest, -1),
  };
  return new KeyvStore(keyv, swap, lists, () => adapter.disconnect());
}
