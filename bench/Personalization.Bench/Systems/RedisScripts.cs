using System.Globalization;
using Personalization.Domain;

namespace Personalization.Bench.Systems;

/// <summary>
/// The Redis baseline's server-side logic. One script applies one event completely (dedup, customer,
/// session with its co-occurrence pairs, products, trending boards) in a single round trip, and the
/// client pipelines many of them. Decayed scores use forward decay, the usual Redis idiom: a weight
/// w at time t is added as w·2^(t/h) to a sorted set, so ZINCRBY accumulates and ranks decayed sums
/// without rewriting old entries; ratios between members equal those of the decayed values.
/// Times are milliseconds since the workload's base time.
/// </summary>
public static class RedisScripts
{
    public static string Apply(RankingOptions o)
    {
        string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture);
        return $$"""
local msg, kind, user, sess = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4]
local t, store, zone, q = tonumber(ARGV[5]), ARGV[6], ARGV[7], ARGV[8]
local n = tonumber(ARGV[9])
if not redis.call('SET', 'm:' .. msg, 1, 'NX', 'EX', 3600) then return 0 end
local S = {[7]=5, [3]=3, [21]=2, [2]=1.5, [1]=1, [6]=1}
local strength = S[kind] or 0
local HA, HP, HC, TIMEOUT = {{Ms(o.AffinityHalfLife)}}, {{Ms(o.PopularityHalfLife)}}, {{Ms(o.CoOccurrenceHalfLife)}}, {{Ms(o.SessionTimeout)}}
local RECENT, WINDOW, NEIGHBOURS, AFFINITY, TRENDING, PURCHASES = {{o.RecentItemsCapacity}}, {{o.CoOccurrenceWindow}}, {{o.NeighbourCapacity}}, {{o.AffinityCapacity}}, {{o.TrendingCapacity}}, {{o.PurchaseHistoryCapacity}}

local lines = {}
for i = 0, n - 1 do
  local b = 10 + i * 5
  lines[i + 1] = {ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], tonumber(ARGV[b + 4])}
end

local function bounded(key, keep, limit)
  local card = redis.call('ZCARD', key)
  if card > limit then redis.call('ZREMRANGEBYRANK', key, 0, card - keep - 1) end
end

local function touch(rec, rk, pid, k)
  local old = tonumber(redis.call('HGET', rk, pid))
  if old and (S[old] or 0) > (S[k] or 0) then k = old end
  redis.call('ZADD', rec, 'GT', t, pid)
  redis.call('HSET', rk, pid, k)
  local card = redis.call('ZCARD', rec)
  if card > RECENT then
    local gone = redis.call('ZRANGE', rec, 0, card - RECENT - 1)
    redis.call('ZREMRANGEBYRANK', rec, 0, card - RECENT - 1)
    redis.call('HDEL', rk, unpack(gone))
  end
end

if user ~= '' then
  local ck = 'c:' .. user
  redis.call('HINCRBY', ck, 'n', 1)
  redis.call('HINCRBY', ck, 'k' .. kind, 1)
  local lt = tonumber(redis.call('HGET', ck, 'lt'))
  if not lt or t >= lt then
    redis.call('HSET', ck, 'lt', t)
    if sess ~= '' then redis.call('HSET', ck, 'lsk', sess) end
    if store ~= '' then redis.call('HSET', ck, 'ls', store) end
  end
  for _, l in ipairs(lines) do
    if strength > 0 then
      local w = strength * math.pow(2, t / HA)
      if l[2] ~= '' then redis.call('ZINCRBY', ck .. ':cat', w, l[2]); bounded(ck .. ':cat', AFFINITY * 3 / 4, AFFINITY) end
      if l[3] ~= '' then redis.call('ZINCRBY', ck .. ':brand', w, l[3]); bounded(ck .. ':brand', AFFINITY * 3 / 4, AFFINITY) end
      touch(ck .. ':rec', ck .. ':rk', l[1], kind)
    end
    if kind == 7 then
      redis.call('LPUSH', ck .. ':buy', l[1] .. '|' .. t)
      redis.call('LTRIM', ck .. ':buy', 0, PURCHASES - 1)
    end
  end
end

local function cooc(target, other, w, both)
  local key = 'p:' .. target .. ':co'
  redis.call('ZINCRBY', key, w * math.pow(2, t / HC), other)
  if both then redis.call('SADD', 'p:' .. target .. ':bt', other) end
  bounded(key, NEIGHBOURS, NEIGHBOURS + NEIGHBOURS / 2)
end

if sess ~= '' then
  local sk = 's:' .. sess
  local lt = tonumber(redis.call('HGET', sk, 'lt'))
  if lt and t - lt > TIMEOUT then
    redis.call('DEL', sk .. ':rec', sk .. ':rk', sk .. ':cart', sk .. ':buy')
    redis.call('HDEL', sk, 'zone', 'q')
  end
  if not lt or t > lt then redis.call('HSET', sk, 'lt', t) end
  redis.call('HINCRBY', sk, 'n', 1)
  if store ~= '' then redis.call('HSET', sk, 'store', store) end
  if zone ~= '' then redis.call('HSET', sk, 'zone', zone) end
  if q ~= '' then redis.call('HSET', sk, 'q', q) end
  for _, l in ipairs(lines) do
    local pid = l[1]
    if kind == 3 then redis.call('SADD', sk .. ':cart', pid)
    elseif kind == 4 then redis.call('SREM', sk .. ':cart', pid)
    elseif kind == 7 then redis.call('SREM', sk .. ':cart', pid); redis.call('SADD', sk .. ':buy', pid) end
    if strength > 0 then
      local earlier = redis.call('ZREVRANGE', sk .. ':rec', 0, WINDOW)
      local d = 0
      for _, e in ipairs(earlier) do
        if e ~= pid then
          d = d + 1
          if d > WINDOW then break end
          local ek = tonumber(redis.call('HGET', sk .. ':rk', e))
          local both = kind == 7 and ek == 7
          local w = math.min(strength, S[ek] or 0) / d
          cooc(e, pid, w, both)
          cooc(pid, e, w * 0.5, both)
        end
      end
      touch(sk .. ':rec', sk .. ':rk', pid, kind)
    end
  end
end

local done = {}
for _, l in ipairs(lines) do
  local pid = l[1]
  local pk = 'p:' .. pid
  if not done[pid] then
    done[pid] = true
    redis.call('HINCRBY', pk, 'n', 1)
    redis.call('HINCRBY', pk, 'k' .. kind, 1)
  end
  if l[2] ~= '' then redis.call('HSET', pk, 'cat', l[2]) end
  if l[3] ~= '' then redis.call('HSET', pk, 'brand', l[3]) end
  if l[4] ~= '' then redis.call('HSET', pk, 'price', l[4]) end
  if kind == 7 then redis.call('HINCRBY', pk, 'sold', l[5]) end
  if strength > 0 then
    local w = strength * math.pow(2, t / HP)
    redis.call('ZINCRBY', 't:all', w, pid)
    bounded('t:all', TRENDING, TRENDING * 2)
    local c = redis.call('HGET', 'r:' .. pid, 'cat') or redis.call('HGET', pk, 'cat')
    if c then
      local board = 't:category:' .. string.lower(c)
      redis.call('ZINCRBY', board, w, pid)
      bounded(board, TRENDING, TRENDING * 2)
    end
    if store ~= '' then
      redis.call('ZINCRBY', 't:store:' .. store, w, pid)
      bounded('t:store:' .. store, TRENDING, TRENDING * 2)
    end
  end
end
return 1
""";
    }
}
