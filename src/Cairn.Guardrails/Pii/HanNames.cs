namespace Cairn.Guardrails.Pii;

/// <summary>
/// Chinese names written in Han characters, which have no capitals and no spaces to find them by: a known family
/// name and one or two characters after an introduction ("我叫王小明", "姓名：李娜", "Name: 张伟"), or a family
/// name (with up to two characters) just before an honorific ("王先生", "李老师"), which scores lower.
/// </summary>
internal static class HanNames
{
    private static readonly string[] Introductions = ["我叫", "名字是", "名字叫", "姓名", "名字", "联系人", "聯絡人", "患者", "客户", "客戶", "签名", "簽名"];

    private static readonly string[] Honorifics = ["先生", "女士", "小姐", "太太", "老师", "老師", "医生", "醫生", "教授", "经理", "經理"];

    private static bool Han(char c) => c is >= '\u4e00' and <= '\u9fff';

    public static void Analyze(string text, List<PiiEntity> found)
    {
        if (text.AsSpan().IndexOfAnyInRange('\u4e00', '\u9fff') < 0)
        {
            return;
        }

        foreach (var intro in Introductions)
        {
            for (var at = text.IndexOf(intro, StringComparison.Ordinal); at >= 0; at = text.IndexOf(intro, at + 1, StringComparison.Ordinal))
            {
                var p = at + intro.Length;
                while (p < text.Length && text[p] is ' ' or ':' or '\uff1a' or '\u3000')
                {
                    p++;
                }

                Introduced(text, p, found);
            }
        }

        // "Name: 张伟", "my name is 王小明": a Latin introduction before a run of Han characters.
        for (var i = 0; i < text.Length; i++)
        {
            var k = text.AsSpan(i).IndexOfAnyInRange('\u4e00', '\u9fff');
            if (k < 0)
            {
                break;
            }

            i += k;
            if (i > 0 && text[i - 1] is ' ' or ':' && PersonRules.IntroducedAt(text, i))
            {
                Introduced(text, i, found);
            }

            while (i + 1 < text.Length && Han(text[i + 1]))
            {
                i++;
            }
        }

        foreach (var honorific in Honorifics)
        {
            for (var at = text.IndexOf(honorific, StringComparison.Ordinal); at >= 0; at = text.IndexOf(honorific, at + 1, StringComparison.Ordinal))
            {
                BeforeHonorific(text, at, found);
            }
        }
    }

    private static int SurnameAt(string text, int p)
    {
        if (p + 2 <= text.Length && NameLists.HanSurnames.Contains(text.AsSpan(p, 2)))
        {
            return 2;
        }

        return p < text.Length && NameLists.HanSurnames.Contains(text.AsSpan(p, 1)) ? 1 : 0;
    }

    // A family name and one or two given-name characters (two when more Han characters follow: the usual length).
    private static void Introduced(string text, int p, List<PiiEntity> found)
    {
        var surname = SurnameAt(text, p);
        var given = 0;
        while (surname > 0 && given < 2 && p + surname + given < text.Length && Han(text[p + surname + given]))
        {
            given++;
        }

        if (given > 0)
        {
            found.Add(new PiiEntity("PERSON", p, p + surname + given, 0.85, PersonRecognizer.Label));
        }
    }

    // "王先生", "王小明先生": the family name closest to the honorific, three characters back at most.
    private static void BeforeHonorific(string text, int at, List<PiiEntity> found)
    {
        for (var back = 3; back >= 1; back--)
        {
            var p = at - back;
            if (p < 0 || !Han(text[p]) || text.AsSpan(p, back).ContainsAnyExceptInRange('\u4e00', '\u9fff'))
            {
                continue;
            }

            var surname = SurnameAt(text, p);
            if (surname > 0 && surname <= back)
            {
                found.Add(new PiiEntity("PERSON", p, at, 0.6, PersonRecognizer.Label));
                return;
            }
        }
    }
}
