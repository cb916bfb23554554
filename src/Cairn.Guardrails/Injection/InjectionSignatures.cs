using System.Text.RegularExpressions;

namespace Cairn.Guardrails.Injection;

/// <summary>A known shape of attack, matched on normalized text.</summary>
/// <param name="Id">Stable name, e.g. <c>override.en</c>.</param>
/// <param name="Category">override, jailbreak, extraction, exfiltration, indirect or delimiter.</param>
/// <param name="Pattern">The expression, over normalized text.</param>
public sealed record InjectionSignature(string Id, string Category, Regex Pattern);

/// <summary>
/// Signatures of injections and jailbreaks in English, French, Spanish, German and Chinese, written against
/// <see cref="InjectionNormalizer"/>'s output (lower case, accents dropped, disguises undone). They are evidence,
/// not verdicts: each category that fires is a feature of the classifier, which has learnt when quoting an attack
/// (a question about it, a test that checks a filter) is not making one. Matching is non-backtracking, linear in the text.
/// </summary>
public static class InjectionSignatures
{
    private const string Gap = @"\W{0,3}(?:[\w'-]+\W{1,3}){0,4}?";
    private const string Stop = @"\b";

    public static IReadOnlyList<string> Categories { get; } = ["override", "jailbreak", "extraction", "exfiltration", "indirect", "delimiter"];

    public static IReadOnlyList<InjectionSignature> All { get; } =
    [
        // Overriding earlier instructions.
        S("override.en", "override", @"\b(?:ignore|ignoring|disregard|forget|skip|bypass|override|neglect|abandon|discard|drop|set aside|throw out)" + Gap +
            @"(?:previous|prior|above|earlier|preceding|foregoing|former|original|initial|existing|system|safety|developer|old|all|any|your)\W{1,3}(?:[\w-]+\W{1,3}){0,2}?(?:instructions?|prompts?|rules|directions|directives?|guidelines|commands|guidance|constraints|programming|orders|restrictions|policies|context|task|assignment|role)" + Stop),
        S("override.new-task.en", "override", @"\b(?:(?:your|the) new (?:task|role|instructions?|goal|objective|purpose|directive) (?:is|are|will be)|new (?:instructions?|directives?|rules)\s*:|from now on,? (?:you|your)\b.{0,60}?\b(?:no (?:rules|restrictions|limits|filters)|without (?:any )?(?:rules|restrictions|limits|filters)|never refuse|not refuse|ignore|unrestricted|unfiltered|uncensored|anything i ask)|you are now (?:no longer|free|dan|unrestricted|unfiltered|uncensored|jailbroken|in (?:developer|god|admin|debug|unrestricted|jailbreak) mode)|(?:these|this|following) (?:instructions?|message|rules?) (?:supersedes?|overrides?|takes? precedence|replaces?)|the (?:above|previous) (?:was|were|is) (?:a test|just a test|fake|wrong|not real)|instead,? (?:you (?:will|must|should)|output|say|print|respond with|reply with|write))"),
        S("override.fr", "override", @"\b(?:ignore[sz]?|ignorer|oublie[sz]?|oublier|ne (?:tiens|tenez) (?:pas|plus) compte|(?:fais|faites) abstraction|laisse[sz]? tomber|contourne[sz]?)" + Gap +
            @"(?:instructions?|consignes?|regles|directives?|indications|ordres|restrictions|tache|mission|role)" + Stop),
        S("override.new-task.fr", "override", @"\b(?:a partir de (?:maintenant|ce moment|dorenavant)|desormais|dorenavant),? (?:tu|vous) (?:es|etes|vas|allez|dois|devez|seras|serez|n'es plus)|\b(?:tu es|vous etes) (?:maintenant|desormais|dorenavant)\b|nouvelles? (?:instructions?|consignes?|regles)\s*:|ta nouvelle (?:tache|mission|role)"),
        S("override.es", "override", @"\b(?:ignora[dn]?|ignore[ns]?|ignorar|olvida[dn]?|olvide[ns]?|olvidar|haz caso omiso|hagan caso omiso|descarta|omite|no (?:hagas|haga) caso)" + Gap +
            @"(?:instrucciones|instruccion|reglas|indicaciones|directrices|ordenes|restricciones|normas|tarea|mision|papel)" + Stop),
        S("override.new-task.es", "override", @"\b(?:a partir de ahora|desde ahora|de ahora en adelante),? (?:tu )?(?:ya no (?:tienes|eres|sigues)|no tienes (?:reglas|restricciones|limites))|\bahora eres (?:libre|dan|un ia sin)|nuevas? (?:instrucciones|reglas|ordenes)\s*:|tu nueva (?:tarea|mision|funcion)"),
        S("override.de", "override", @"\b(?:ignorier(?:e|en|t)?|vergiss|vergessen sie|vergesst|missachte(?:n sie)?|uberspring(?:e|en sie)?|umgeh(?:e|en sie)?|setz(?:e|en sie)? (?:\w+ )?ausser kraft)" + Gap +
            @"(?:anweisungen|anweisung|regeln|vorgaben|instruktionen|befehle|richtlinien|einschrankungen|vorschriften|aufgabe|rolle)" + Stop),
        S("override.new-task.de", "override", @"\b(?:ab (?:jetzt|sofort|nun)|von nun an|ab heute),? (?:hast du keine|gibt es keine|ignorierst du|bist du (?:frei|nicht mehr|kein)|darfst du alles)|\bdu bist (?:jetzt|nun|ab sofort|ab jetzt) (?:frei|dan|nicht mehr an)\b|neue (?:anweisungen|regeln|befehle)\s*:|deine neue (?:aufgabe|rolle)"),
        S("override.zh", "override", @"(?:忽略|无视|忽视|不要理会|不用理会|别管|忘记|忘掉|抛开|跳过|放弃|绕过|覆盖)(?:掉)?(?:之前|以前|先前|上面|上述|前面|所有|一切|全部|你的|原来|原有|原始|系统|此前)?.{0,8}?(?:指令|指示|规则|说明|提示|设定|限制|要求|命令|约束)"),
        S("override.new-task.zh", "override", @"(?:从现在(?:开始|起)|从此刻起|今后)[，,]?你(?:不再|没有|可以无视|必须无条件)|你现在是(?:dan|一个没有|不受)|新的?(?:指令|任务|规则)[:：]|你的新(?:任务|角色|指令)"),

        // Jailbreaks: personas without rules.
        S("jailbreak.en", "jailbreak", @"\bdo anything now\b|\b(?:jailbreak|jailbroken|unrestricted|unfiltered|uncensored|evil|chaos|god) mode\b|\b(?:developer|dev|sudo|admin|debug|maintenance|root) mode (?:enabled|activated|on|unlocked)\b|\b(?:enable|activate|enter|switch to|you are in) (?:developer|dev|sudo|admin|debug|maintenance|root) mode\b|\bact as (?:dan|an? (?:unfiltered|uncensored|unrestricted|amoral|unethical|evil))\b|\b(?:free from|not bound by|unbound by|without|no longer (?:have|bound by|restricted by|follow)|break free of|liberated from) (?:any |all |your |the |its )?(?:\w+ ){0,2}?(?:restrictions|filters|limitations|censorship|content polic(?:y|ies)|ethical (?:guidelines|constraints|rules)|moral (?:guidelines|constraints)|safety (?:guidelines|rules|filters|protocols))\b"),
        S("jailbreak.persona.en", "jailbreak", @"\b(?:stay in character|never break character|(?:you|dan) (?:can|will) do anything|(?:without|no) (?:any )?(?:warnings?|disclaimers?|refusals?|moralizing|caveats)(?: or (?:warnings?|disclaimers?|refusals?|caveats))?,? (?:and )?(?:answer|respond|reply|tell|explain|give|provide|write)|respond (?:twice|in two ways|as both)|(?:opposite|evil|shadow|unfiltered|uncensored|dark) (?:twin|version|ai|mode|persona|side)|(?:pretend|imagine|act as if|suppose) (?:that )?(?:you(?: are|'re)?|u) (?:have no|are not bound|an? (?:ai|model) (?:with|without) no)|(?:ignore|bypass|disable|turn off|remove) (?:your|all|the|any) (?:\w+ )?(?:safety|ethical|content) (?:filters?|guidelines|restrictions|rules|protocols|training))"),
        S("jailbreak.fr", "jailbreak", @"\bsans (?:aucune |aucun |la moindre )?(?:restrictions?|filtres?|limites?|censure|regles|limitations)\b.{0,40}(?:reponds|reponde[sz]|reponse|dis|explique)|\bmode (?:sans filtre|sans restriction|dieu|debride)\b|\b(?:tu n'as|vous n'avez) (?:plus )?aucune (?:restriction|limite|regle)"),
        S("jailbreak.es", "jailbreak", @"\bsin (?:ninguna |ningun |)(?:restricciones?|filtros?|censura|limites|reglas|limitaciones)\b.{0,40}(?:responde|responda|respuesta|di|explica|dime)|\bmodo (?:sin filtros?|sin restricciones|dios)\b|\bimagina que no tienes (?:filtros|restricciones|limites|reglas)|\bya no tienes (?:ninguna )?(?:restricciones|limites|reglas)"),
        S("jailbreak.de", "jailbreak", @"\bohne (?:jegliche |irgendwelche |alle )?(?:einschrankungen|filter|zensur|regeln|beschrankungen)\b.{0,40}(?:antworte|antwort|sag|erklare|beschreibe)|\b(?:gott-modus|gottmodus|modus ohne (?:filter|einschrankungen))\b|\bdu hast keine (?:einschrankungen|regeln|filter) mehr"),
        S("jailbreak.zh", "jailbreak", @"(?:没有|不受|无视|摆脱|解除|去掉|取消)(?:任何)?(?:的)?(?:限制|约束|过滤|审查|道德|伦理|安全)(?:规则|准则|限制)?.{0,20}(?:回答|回复|告诉|说|输出)|(?:越狱|无限制|无审查|上帝|dan)模式|扮演(?:一个)?(?:没有|不受)(?:任何)?(?:限制|约束)"),

        // Requests for harm that role-play and fiction are used to smuggle past a refusal.
        S("jailbreak.harmful", "jailbreak", @"\b(?:synthesi[sz]\w*|make|making|cook\w*|produc\w*|build\w*|manufactur\w*|assembl\w*|herstell\w*|baue?n?|fabri\w*|sintetiz\w*|prepar\w*|hacer|faire)\W+(?:[\w'-]+\W+){0,5}?(?:meth|methamphetamine|crystal meth|napalm|explosives?|pipe bombs?|bombs?|nerve agents?|sarin|ricin|fentanyl|untraceable (?:firearms?|guns?)|ghost guns?|ransomware|malware|keyloggers?|sprengstoff|bomben?|explosivos?|bombas?|drogas?|bombes?|explosifs?|armes?)\b|\b(?:windows|office) (?:\d+ )?(?:pro )?(?:product |license |activation )?keys\b|\bhot-?wir\w* (?:a )?car\b|\blaunder (?:money|the money|cash)\b|\bworking exploit\b|(?:制作|合成|制造|提炼)\W{0,2}.{0,8}?(?:冰毒|芬太尼|炸弹|炸药|毒品|枪支)"),

        // Extraction of the system prompt or secrets.
        S("extraction.en", "extraction", @"\b(?:reveal|show|print|display|output|repeat|tell|give|share|disclose|leak|dump|write out|spell out|recite|echo|copy|paste|translate|summari[sz]e|list|state|provide|read back|return)" + Gap +
            @"(?:system prompt|system message|system instructions|(?:initial|original|hidden|secret|internal|developer|pre-?) ?(?:instructions|prompt|rules|guidelines|directives)|your (?:instructions|prompt|rules|guidelines|directives|configuration|system message|initial message)|(?:text|words|content|instructions|everything|messages?) (?:above|before (?:this|my|the)|preceding)|what you were (?:told|instructed|given)|(?:the |your )?(?:secret|password|api key|access key|private key|credentials))" + Stop),
        S("extraction.ask.en", "extraction", @"\b(?:what|which) (?:are|were|is) (?:your|the) (?:exact |original |initial |full |hidden |secret )?(?:instructions|rules|system prompt|system message|guidelines|directives|prompt)\b|\b(?:verbatim|word for word|character for character)\b|\bstart (?:your (?:answer|response|reply) )?with (?:the words )?""?you are\b|\bwhat (?:were|was) you (?:told|instructed) (?:not )?to\b|\beverything (?:above|before) (?:this|my) (?:line|message|prompt)"),
        S("extraction.fr", "extraction", @"\b(?:revele[sz]?|affiche[sz]?|montre[sz]?|repete[sz]?|donne[sz]?|ecri[st]|ecrivez|recopie[sz]?|imprime[sz]?|tradui[st]|traduisez|divulgue[sz]?|dis|dites|cite[sz]?)(?:-moi)?" + Gap +
            @"(?:prompt (?:systeme|initial)|instructions? (?:initiales?|systemes?|d'origine|originales?|cachees?|secretes?)|(?:tes|vos) (?:instructions|consignes|regles)|message systeme|(?:le )?mot de passe|(?:la )?cle (?:api|secrete))" + Stop),
        S("extraction.es", "extraction", @"\b(?:revela[dr]?|muestra|muestrame|repite|dime|decidme|imprime|escribe|copia|traduce|dame|divulga|recita|comparte)" + Gap +
            @"(?:prompt (?:del sistema|inicial)|instrucciones (?:iniciales|del sistema|originales|ocultas|secretas)|(?:tus|sus) (?:instrucciones|reglas|directrices)|mensaje del sistema|(?:la )?contrasena|(?:la )?clave (?:api|secreta))" + Stop),
        S("extraction.de", "extraction", @"\b(?:zeige|zeig|gib|wiederhole|verrate|nenne|schreibe|schreib|drucke|ubersetze|offenbare|teile|gib aus|liste)" + Gap +
            @"(?:system-?prompt|systemanweisung(?:en)?|systemnachricht|(?:deine|ihre) (?:anweisungen|regeln|vorgaben|instruktionen)|(?:ursprunglichen|anfanglichen|versteckten|geheimen|internen) (?:anweisungen|regeln|vorgaben)|(?:das )?passwort|(?:den )?api-?schlussel)" + Stop),
        S("extraction.zh", "extraction", @"(?:输出|显示|告诉我|重复|打印|泄露|透露|展示|给我|列出|翻译|复述|写出)(?:一下)?(?:你的|你|所有|全部|完整的?)?.{0,6}?(?:系统提示|系统指令|初始指令|提示词|系统消息|隐藏指令|原始指令|内部指令|设定|密码|密钥)"),

        // Exfiltration: data out through links, images or tools.
        S("exfiltration.image", "exfiltration", @"!\[[^\]\n]{0,80}\]\(\s*https?://[^)\s]{1,200}\?[^)\s]{0,200}="),
        S("exfiltration.send", "exfiltration", @"\b(?:send|post|forward|e-?mail|upload|transmit|exfiltrate|leak|copy)\W+(?:\w+\W+){0,3}?(?:conversation|chat(?: history)?|history|messages|credentials|passwords?|api keys?|tokens?|secrets|personal data|user data|contacts|emails?|files)\W+(?:\w+\W+){0,3}?(?:to|at|into)\W+(?:https?://|www\.|[\w.+-]+@|\w+\.\w{2,}/|this (?:url|address|endpoint|server|webhook))"),

        // Text aimed at the model inside content it was asked to read.
        S("indirect.en", "indirect", @"\b(?:if you are|you are|attention|note (?:to|for)|message (?:to|for)|instructions? (?:to|for)|hey|dear|important (?:note )?(?:to|for)?)\W{0,3}(?:an? |the |any |all )?(?:ai|a\.i\.|artificial intelligence|assistant|language model|llm|large language model|chatbot|chatgpt|gpt|claude|gemini|copilot|bard|bot|agent|model)s?\b.{0,60}?\b(?:reading|processing|summari[sz]ing|parsing|analy[sz]ing|reviewing|scanning|that reads|who reads|ignore|disregard|must|should|do not|don't|instead|you will|please)\b|\b(?:do not|don't|never) (?:tell|inform|mention|reveal|show|let) (?:this |it )?(?:to )?the user\b|\b(?:instead|rather),? (?:tell|inform|reply to|respond to|answer|say to) the user\b|\bwhen (?:summari[sz]ing|asked about|processing|reading) (?:this|the) (?:page|document|email|text|article|file|content)\b"),
        S("indirect.fr", "indirect", @"\b(?:si (?:tu es|vous etes) une? (?:ia|intelligence artificielle|assistant|modele|robot)|(?:note|message|instructions?|consignes?) (?:pour|a|destinee?s? a) (?:l'|la |le )?(?:ia|assistant|modele|robot)|(?:ne (?:dis|dites) rien|ne le dis pas) a l'utilisateur|(?:lorsque|quand) (?:tu resumes|vous resumez) (?:ce|cette))"),
        S("indirect.es", "indirect", @"\b(?:si eres una? (?:ia|inteligencia artificial|asistente|modelo)|(?:nota|mensaje|instrucciones?) para (?:la |el )?(?:ia|asistente|modelo|bot)|no (?:le )?(?:digas|menciones|cuentes) (?:nada )?(?:esto )?al usuario|(?:cuando|al) resumir (?:este|esta))"),
        S("indirect.de", "indirect", @"\b(?:wenn du (?:eine |ein )?(?:ki|kunstliche intelligenz|assistent|sprachmodell|chatbot) bist|(?:hinweis|nachricht|anweisung(?:en)?) (?:an|fur) (?:die |den |das )?(?:ki|assistenten|sprachmodell|modell|bot)|(?:sag|sage|erzahle) (?:dem )?(?:nutzer|benutzer) (?:nichts|davon nichts)|(?:wenn|beim) (?:du )?(?:diese|dieses|diesen) (?:seite|dokument|e-mail|text) zusammenfass)"),
        S("indirect.zh", "indirect", @"(?:如果你是|作为|致|给|写给)(?:一个)?(?:ai|人工智能|语言模型|大模型|助手|机器人|聊天机器人)(?:的)?.{0,20}?(?:请|必须|应该|忽略|不要|指令|消息|说明)|不要(?:告诉|通知|提醒)用户|在(?:总结|摘要|处理|阅读)(?:这|此)(?:个|篇|封)?(?:页面|文档|邮件|文章|内容)时"),

        // Counterfeit turn and role markers.
        S("delimiter.chat", "delimiter", @"<\|(?:im_start|im_end|system|endoftext|start_header_id|end_header_id|eot_id)\|>|\[/?inst\]|<<\s*/?sys\s*>>|</?(?:system|sys|instructions?|admin|developer)>|\[(?:system|admin|developer)(?: message| note| override)?\]|^\s*#{2,}\s*(?:system|instructions?|new instructions?|admin)\b|\b(?:end|begin|beginning|start) of (?:the )?(?:new |real |actual |system |user )?(?:prompt|instructions|system message|input|context|conversation)\b|\b(?:system|admin|developer|assistant)\s*(?:message|override|prompt)?\s*:\s*(?:ignore|you|new|from now|disregard|forget|override|reveal)"),
    ];

    private static InjectionSignature S(string id, string category, string pattern) =>
        new(id, category, new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.NonBacktracking));

    /// <summary>Every match of every signature in <paramref name="text"/> (normalized), at most a few per signature.</summary>
    public static List<(InjectionSignature Signature, int Start, int End)> Match(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hits = new List<(InjectionSignature, int, int)>();
        foreach (var sig in All)
        {
            var count = 0;
            for (var m = sig.Pattern.Match(text); m.Success && count < 4; m = m.NextMatch(), count++)
            {
                hits.Add((sig, m.Index, m.Index + m.Length));
            }
        }

        return hits;
    }
}
