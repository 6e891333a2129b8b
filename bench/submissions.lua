-- wrk script for bench/submissions.sh: posts the help request form (/aide) exactly as a browser
-- does, each request a NEW submission. The antiforgery cookie and token come from one GET /aide
-- and are reused for every POST (one "browser" sending many forms, which the antiforgery check
-- allows); what makes each POST a new request rather than an idempotent replay is its own
-- Input.SubmissionKey, a fresh random UUID per request.
--
-- Arguments after "--": <cookie "name=value"> <antiforgery token> <service slug, may be empty> <seed>
-- [<replay key>]: with a fifth argument every POST carries that existing SubmissionKey instead, an
-- idempotent replay (reads, receipt shown again, no write), and with "invalid" the text is left
-- empty (the form comes back with an error, no write): the variants that tell the writes' share.
-- Prints, after wrk's own report: "submissions-ok: N" (200 with the receipt on the page) and
-- "submissions-other: N" (200 without a receipt: a validation error or an idempotent replay).

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local function urlencode(value)
  return (string.gsub(value, "[^%w%-%._~]", function(c)
    return string.format("%%%02X", string.byte(c))
  end))
end

-- 32 random bits from the kernel, so two runs started in the same second (warm-up, measurement)
-- never draw the same keys; the script argument is the fallback.
local function entropy(fallback)
  local source = io.open("/dev/urandom", "rb")
  if not source then
    return fallback
  end
  local bytes = source:read(4)
  source:close()
  local a, b, c, d = string.byte(bytes, 1, 4)
  return ((a * 256 + b) * 256 + c) * 256 + d
end

local hex = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f" }

local function digits(n)
  local out = {}
  for i = 1, n do
    out[i] = hex[math.random(1, 16)]
  end
  return table.concat(out)
end

-- A version-4 shaped UUID; only its uniqueness matters to the app.
local function uuid()
  return digits(8) .. "-" .. digits(4) .. "-4" .. digits(3) .. "-" .. hex[math.random(9, 12)] .. digits(3) .. "-" .. digits(12)
end

-- About 600 characters, the size of the rows RawInserts writes.
local text = "Depuis la rentree, deux eleves de ma classe se moquent de moi tous les jours. "
  .. "Ils prennent mes affaires, ils rient quand je passe et ils ont cree un groupe sur mon telephone "
  .. "ou ils mettent des photos de moi avec des mots mechants. Je n'ose plus aller a la recreation "
  .. "et j'ai mal au ventre le matin avant d'aller a l'ecole. Mes parents ne savent pas encore. "
  .. "J'ai peur que si j'en parle a un professeur, ce soit pire apres. Je voudrais que quelqu'un "
  .. "m'ecoute et me dise ce que je peux faire. Je ne veux pas qu'on appelle l'ecole sans me demander."

local prefix, suffix, variant
local path = "/aide"
local headers = {}
ok = 0
other = 0

function init(args)
  local cookie, token, service, seed = args[1], args[2], args[3] or "", tonumber(args[4] or "0") or 0
  variant = args[5]
  math.randomseed(entropy(seed) + id * 1000003)
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  headers["Cookie"] = cookie
  -- The same fields a person fills in: who they are, their age, what happens, since when, what they
  -- wish, an anonymous reply with the receipt code; the robots' trap stays empty.
  prefix = "Input.Service=" .. urlencode(service)
    .. "&Input.Role=YoungTarget&Input.AgeBand=From13To15&Input.School="
    .. "&Input.Forms=Verbal&Input.Forms=Cyber&Input.Online=true"
    .. "&Input.Text=" .. (variant == "invalid" and "" or urlencode(text))
    .. "&Input.Since=Months&Input.Wishes=Listening&Input.Wishes=Advice"
    .. "&Input.Channel=Receipt&Input.Email=&Input.Phone=&Input.Website="
    .. "&__RequestVerificationToken=" .. urlencode(token)
    .. "&Input.SubmissionKey="
  suffix = ""
end

function request()
  local key = (variant == nil or variant == "invalid") and uuid() or variant
  return wrk.format("POST", path, headers, prefix .. key .. suffix)
end

function response(status, headers, body)
  if status == 200 then
    if string.find(body, 'class="receipt-code"', 1, true) then
      ok = ok + 1
    else
      other = other + 1
    end
  end
end

function done(summary, latency, requests)
  local total_ok, total_other = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_other = total_other + thread:get("other")
  end
  io.write(string.format("submissions-ok: %d\nsubmissions-other: %d\n", total_ok, total_other))
end
