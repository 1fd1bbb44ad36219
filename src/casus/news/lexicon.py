# ruff: noqa: E501  (word lists read best one family per line)
"""Word lists the news reader matches: event verbs, stances, treaty nouns, dates, actors.

Everything here is a lexicon, not a rule: the rules that use it live in ``extract``, ``dates``
and ``actors``. English comes first; French, Spanish, German and Russian forms follow each
English list. Russian forms are stems (``подписа``) because Russian inflects heavily; the
patterns are matched case-insensitively on word starts.
"""

from __future__ import annotations

# "Hungary's legislature approved a similar bill": a parliament repeating the ratification told
# just before, without naming the treaty again
SIMILAR_BILL = (r"(?:approv|pass|adopt)(?:e|es|ed|ing)\s+(?:a|an|the)\s+(?:similar|identical|same)\s+"
                r"(?:bill|law|measure|motion)\b|(?:a|ont)\s+(?:approuvé|adopté|voté)\s+un\s+"
                r"(?:projet\s+de\s+loi|texte)\s+(?:similaire|identique)\b|aprob(?:ó|aron)\s+un\s+"
                r"(?:proyecto(?:\s+de\s+ley)?|ley)\s+(?:similar|idéntic[oa])\b|"
                r"(?:billigte|verabschiedete)\w*\s+(?:ein|einen)\s+(?:ähnlich|gleich)\w*\s+"
                r"(?:gesetz\w*)\b|одобрил\w*\s+аналогичн\w+\s+законопроект\w*")

# --- events -----------------------------------------------------------------------------------
# Each value is a list of regular-expression fragments matched at a word start (``(?<!\w)``).
# Order matters only for reading; ``extract`` resolves overlaps by type precedence.
EVENT_TRIGGERS: dict[str, list[str]] = {
    "signing": [
        r"sign(?:s|ed|ing)?\b(?!\s+(?:\w+\s+)?into\s+law)", r"co-?sign(?:s|ed|ing)?\b", r"ink(?:s|ed|ing)?\b",
        r"conclud(?:e|es|ed|ing)\b", r"seal(?:s|ed|ing)?\b",
        # sealing a treaty is signing it: "besiegeln Vertrag", "ont scellé", "sellaron", "скрепили"
        # (done or doing, not "sera scellé": a ceremony to come)
        r"besiegel(?:n|t|te|ten)\b", r"(?:ont|a|avaient|avait)\s+scellé\b", r"scell(?:ent|èrent)\b",
        r"sell(?:ó|aron|an)\b", r"скрепил(?:и)?\b",
        # fr / es / de / ru
        r"sign(?:é|ée|és|ées|ent|ant|ature|er|era|eront|a|èrent)\b", r"ont signé",
        r"firm(?:ó|aron|ado|ada|an|ar|a|ará|arán)\b", r"suscri(?:bió|bieron|to)\b",
        r"unterzeichn\w*", r"unterschr\w*", r"conclu\b", r"adopt(?:ed|s)? the treaty\b",
        r"adopt(?:é|èrent|ent) (?:un |le )traité\b", r"adopt(?:ó|aron) el tratado\b", r"подпис\w*", r"заключ(?:ил|или|ен|ён)\w*",
    ],
    "ratification": [
        r"ratif(?:y|ies|ied|ying|ication)\b",
        r"approv(?:e|es|ed|ing)\b(?=\W+(?:\w+\W+){0,3}(?:treaty|pact|agreement|accession|membership|bid|protocol))",
        # "greenlit the agreement", "a donné son feu vert à l'accord", "dio luz verde al tratado"
        r"(?:green-?lit|green-?lighted|gave\s+(?:the\s+|its\s+|their\s+)?green\s+light\s+to|"
        r"(?:a\s+)?donn(?:é|e|ent)\s+(?:son\s+|leur\s+|le\s+)?feu\s+vert\s+(?:à|au)|"
        r"d(?:io|ieron|a|iera|ieran|ará|arán)\s+(?:su\s+|la\s+)?luz\s+verde\s+a(?:l)?|grünes\s+licht\s+für)\b"
        r"(?=\W+(?:\w+\W+){0,3}(?:treaty|pact|agreement|accession|protocol|traité|accord|pacte|adhésion|"
        r"protocole|tratado|acuerdo|pacto|adhesión|protocolo|[\w-]*(?:vertrag|abkommen|beitritt|protokoll)))",
        # "approved a similar bill earlier this week": the same ratification by another state (the
        # treaty is the one named in the sentences before)
        SIMILAR_BILL,
        # "approved a bill on Thursday to allow Finland to join NATO"
        r"approv(?:e|es|ed|ing)\b(?=\W+(?:\w+\W+){0,4}?(?:to ratify|to allow|ratifying|on (?:the )?ratification))", r"ratif(?:ié|iée|ie|ient|ication|ier|iera|ieront|iait|ia|ièrent)\b",
        r"(?:утверд|одобр)\w*(?=\s+(?:\w+\s+){0,2}(?:договор|соглашени|протокол|вступлени)\w*)",
        # a parliament approving another state's accession ratifies its protocol: "approuvé
        # l'adhésion de la Suède", "billigte den Beitritt", "aprobó el ingreso de Suecia"
        r"approuv(?:e|é|ée|ent|ait)\b(?=\W+(?:\w+\W+){0,3}(?:traité|accord|adhésion|protocole))",
        r"aprob(?:ó|aron|ado|ada|ar)\b(?=\W+(?:\w+\W+){0,3}(?:tratado|acuerdo|adhesión|ingreso|protocolo))",
        r"(?:billig|gebillig)\w*(?=\W+(?:\w+\W+){0,3}(?:beitritt|aufnahme|vertrag|abkommen|protokoll))",
        # "the treaty was signed into law": the law that ratifies it
        r"sign(?:s|ed|ing)?\s+(?:\w+\s+)?into\s+law\b",
        r"(?:zugestimmt|gebilligt)\b", r"stimmt(?:e|en)?\b(?=[^.;:]{0,60}?\b(?:beitritt|aufnahme|vertrag|abkommen|protokoll)\w*\W+(?:\w+\W+){0,3}?zu\b)",
        # depositing the protocol of another's accession, or an instrument of ratification
        r"deposit(?:s|ed|ing)?\b(?=\W+(?:\w+\W+){0,2}(?:instruments?\s+of\s+ratification|(?:accession\s+)?protocol))",
        r"d[ée]pos(?:é|e|ent|er)\b(?=\W+(?:\w+\W+){0,2}(?:instruments?\s+de\s+ratification|protocole))",
        r"deposit(?:ó|aron|ado|ada)\b(?=\W+(?:\w+\W+){0,2}(?:instrumentos?\s+de\s+ratificación|protocolo))",
        r"ratific(?:ó|aron|ado|ada|ación|a)\b", r"ratifizier\w*", r"ратифи\w*",
    ],
    "entry_into_force": [
        r"(?:enter(?:s|ed)?|entering|came|come|comes|coming) into force\b",
        r"entry into force\b", r"took effect\b", r"takes effect\b",
        r"(?:enter(?:s|ed)?|came|come|comes|coming) into effect\b", r"bec(?:ame|ome|omes|oming) effective\b",
        r"entr(?:é|ée|era|e) en vigueur\b", r"entrée en vigueur\b",
        r"entr(?:ó|a|ará|ada) en vigor\b", r"in kraft (?:getreten|treten|tritt)\b",
        r"inkrafttreten\b", r"(?:in die )?umsetzungsphase eingetreten\b",
        r"enter(?:s|ed)? (?:its|the) implementation phase\b", r"tritt\b[^.]{0,40}\bin kraft\b", r"вступ(?:ил|ила|ило|или|ает|ит|ление)\w* в силу",
    ],
    "accession": [
        r"acced(?:e|es|ed|ing)\b", r"accession\b", r"join(?:s|ed|ing)? (?:the )?(?:nato|csto|alliance|treaty|pact)\b",
        r"became (?:a |the )?\w*\s?members?\b",
        # perfect tenses, a day word between: "has become a member", "est devenue membre", "se ha
        # convertido este jueves en nuevo miembro"
        r"(?:has|have)\s+(?:officially\s+)?become\s+(?:a\s+|the\s+)?(?:\w+\s+){0,2}?member\b",
        r"(?:est|sont)\s+(?:officiellement\s+)?devenue?s?\s+(?:\w+\s+){0,3}?membre\b",
        r"(?:se\s+)?(?:ha|han)\s+convertido\s+(?:\w+\s+){0,3}?en\s+(?:el\s+)?(?:\w+\s+){0,3}?miembro\b",
        r"devien(?:t|nent)\s+(?:officiellement\s+)?(?:\w+\s+){0,3}membre\b",
        # the recent past and the passé simple: "venait d'en devenir le trentième membre",
        # "devint membre", "adhéra"
        r"(?:vient|viennent|venait|venaient)\s+d['’](?:en\s+|y\s+)?devenir\s+(?:[\w-]+\s+){0,3}?membre\b",
        r"devin(?:t|rent)\s+(?:officiellement\s+)?(?:\w+\s+){0,3}?membre\b", r"adhér(?:a|èrent)\b",
        r"(?:se\s+)?convi(?:rtió|erte|rtieron)\s+(?:\w+\s+){0,2}en\s+(?:el\s+)?(?:\w+\s+){0,3}?miembro\b",
        r"(?:ist|wird|wurde)\s+(?:\w+\s+){0,2}?(?:das\s+)?(?:\d+\.\s+)?mitglied\b", r"стал[аио]?\s+(?:\w+\s+){0,2}член\w*", r"adh(?:ésion|éré|ère)\b", r"adhe(?:sión|rirse|rido)\b",
        r"beitr(?:itt|eten|at)\w*", r"beigetreten\b", r"присоедин\w*", r"вступ(?:ил|ила|ление) в (?:нато|одкб)",
        r"вступлени\w*(?=\s+(?:\w+\s+){1,2}?в\s+(?:нато|одкб|альянс|блок))",
    ],
    "withdrawal": [
        r"withdr(?:aw|aws|awn|awal|awing|ew)\b", r"denounc(?:e|es|ed|ing)\b", r"denunciation\b",
        r"pull(?:s|ed|ing)? out of\b", r"exit(?:s|ed|ing)? (?:from |the )", r"quit(?:s|ting)? the\b",
        # "will leave the CSTO", "Mali left ECOWAS": only with a treaty or a bloc as object
        r"(?:leav(?:e|es|ing)|left)\b(?=\s+(?:the\s+)?(?:nato|csto|otan|ecowas|cedeao|g5|alliance|treaty|pact|bloc|agreement|organi[sz]ation|collective\s+security))",
        r"break(?:s|ing)? off\b", r"broke off\b", r"cut(?:s|ting)? off\b",
        r"terminat(?:e|es|ed|ing)\b", r"scrap(?:s|ped|ping)?\b", r"revok(?:e|es|ed|ing)\b",
        r"abrogat(?:e|es|ed|ing)\b", r"tore up\b", r"tear(?:s|ing)? up\b",
        r"retir(?:e|é|ée|ent|er|ait)\b", r"quitt(?:e|er|é|ent|ait)\b", r"abandon(?:o|a|an|ar|ó|aron)\b", r"verl(?:ässt|assen|ieß|ießen)\b", r"retrait\b", r"dénonc\w*",
        # "a rompu avec une neutralité historique" breaks with a policy, not a treaty
        r"romp(?:u|t)\b(?=\W+(?:\w+\W+){0,3}?(?:accord|traité|pacte|coopération|alliance|convention))",
        r"retir(?:ó|aron|ada|o)\b", r"retirada\b", r"denunci(?:ó|aron|ar)\b",
        # "su denuncia al Tratado Interamericano": the noun, only with a treaty as its object
        # (a "denuncia" is also a complaint)
        r"denuncia\b(?=\s+(?:al|del)\s+(?:(?-i:[A-Z]{3,})|(?:\w+\s+){0,2}?(?:tratado|acuerdo|pacto|convenio|protocolo))\b)",
        # future forms (an intention, see ``FUTURE``)
        r"quitter(?:a|ont)\b", r"se retirer(?:a|ont)\b", r"abandonar(?:á|án)\b", r"se retirar(?:á|án)\b",
        r"выйд(?:ет|ут)\b",
        r"rompi(?:ó|eron)\b(?=\W+(?:\w+\W+){0,3}?(?:acuerdo|tratado|pacto|cooperación|alianza|convenio))",
        r"aus(?:getreten|tritt|steigen|stieg)\w*", r"aufgekündigt\b", r"gekündigt\b", r"kündig\w*",
        r"вы(?:шла|шел|шли|ход\w*|йти)\b", r"денонс\w*", r"расторг\w*",
        # ending or renouncing a treaty: "ended its defence agreement with", "a mis fin à
        # l'accord", "puso fin al tratado", "renunció al tratado", "hat ihr Abkommen ... beendet",
        # "die Beendigung des Abkommens", "прекратил действие договора"
        r"end(?:s|ed|ing)?\b(?=\s+(?:\w+\s+){0,4}?(?:treaty|pact|agreement|accord|alliance)\b)",
        r"(?:put|puts|putting) an end to\b(?=\s+(?:\w+\s+){0,4}?(?:treaty|pact|agreement|accord|alliance)\b)",
        r"(?:mis|met|mettre|mettent|mettra) fin (?:à|au|aux)\b(?=\s*(?:l['’]|la\s+|le\s+|les\s+|son\s+|ses\s+|leur\s+)?(?:\w+\s+){0,2}?(?:traité|accord|pacte|alliance|convention)s?\b)",
        r"(?:puso|pone|ponen|pusieron|poner) fin a(?:l)?\b(?=\s*(?:la\s+|el\s+|su\s+|sus\s+)?(?:\w+\s+){0,2}?(?:tratado|acuerdo|pacto|alianza|convenio)s?\b)",
        r"renunci(?:ó|aron|a|an|ar)\b(?=\s+(?:\w+\s+){0,3}?al?\s+(?:la\s+|el\s+|su\s+)?(?:\w+\s+){0,2}?(?:tratado|acuerdo|pacto|alianza|convenio|tiar)\b)",
        r"renon(?:ce|cé|cent|cer)\s+(?:à|au)\b(?=\s*(?:l['’]|la\s+|le\s+|son\s+)?(?:\w+\s+){0,2}?(?:traité|accord|pacte|alliance)\b)",
        r"[\w-]*(?:abkommen|vertrag|verträge|pakt)\b(?=[^.;:]{0,60}?\bbeendet\b)",
        r"beendigung\b(?=\s+(?:des|der)\s+[\w-]*(?:abkommens|vertrags|vertrages|paktes|bündnisses)\b)",
        r"прекрати\w*(?=\s+(?:действие\s+|участие\s+в\s+)?(?:\w+\s+){0,2}?(?:договор|соглашени|пакт)\w*)",
    ],
    "suspension": [
        r"suspend(?:s|ed|ing)?\b", r"suspension\b", r"moratorium\b", r"froze\b", r"frozen\b", r"freez(?:e|es|ing)\b",
        r"suspend(?:u|ue|re|ent)\b", r"suspendi(?:ó|eron|do|da)\b", r"suspensión\b", r"suspenden?\b",
        r"congel(?:ó|a|an|ar|aron|ado|ada|ación)\b", r"g[eè]l(?:e|é|ée|er|ent|ait)\b", r"eingefroren\b",
        r"ausgesetzt\b", r"aussetz\w*", r"setzt\b[^.]{0,40}\baus\b", r"suspendiert\b",
        r"приостанов\w*", r"мораторий\w*", r"заморо\w*",
    ],
    "invocation": [
        r"invok(?:e|es|ed|ing)\b", r"invocation\b", r"trigger(?:s|ed|ing)? article\b",
        r"activat(?:e|es|ed|ing) article\b", r"invoqu\w*",
        r"activ(?:er|é|ée|ation de|e) l['’]article\b", r"activ(?:ar|ó|aron|ación del?) (?:el )?artículo\b", r"invoc(?:ó|aron|ación)\b",
        r"beruf(?:t|en)\b[^.]{0,30}\bauf\b", r"aktivier\w* artikel\b", r"задейств\w*",
        # German verb-final: "hat sich ... auf Artikel 5 ... berufen", "den Bündnisfall ausgerufen"
        r"auf\s+(?:den\s+)?artikel\s+\d+\w*(?=[^.;]{0,80}?\bberufen\b)",
        r"bündnisfall\b(?=[^.;]{0,60}?\b(?:ausgerufen|ausrufen|festgestellt|erklärt)\b)",
        r"(?:rief|riefen|ruft)\b[^.;]{0,40}?\bbündnisfall\b",
        # an appeal to an alliance's members for help: "appealed to the heads of CSTO states to
        # assist", "asked NATO allies for military assistance", "обратилась к ОДКБ за помощью"
        r"(?:appeal(?:s|ed|ing)?\s+to|ask(?:s|ed|ing)?|call(?:s|ed)?\s+on)\b(?=\s+(?:[\w\"'’,-]+\s+){0,6}?"
        r"(?:csto|nato|alliance|allies)\b[^.;]{0,120}?\b(?:to\s+(?:assist|help|aid|send\s+troops)|"
        r"for\s+(?:\w+\s+)?(?:help|assistance|aid)))",
        r"(?:a\s+)?(?:demandé|demande|sollicité|fait\s+appel)\b(?=\s+(?:[\w'’-]+\s+){0,4}?"
        r"(?:aide|assistance|secours)\b[^.;]{0,40}?\b(?:otan|otsc|odkb|alliance|alliés)\b)",
        r"(?:pidió|pidieron|solicitó|solicitaron)\b(?=\s+(?:\w+\s+){0,4}?(?:ayuda|asistencia|auxilio)\b"
        r"[^.;]{0,40}?\b(?:otan|otsc|alianza|aliados)\b)",
        r"(?:bat|baten|bittet|ersuchte)\b(?=\s+(?:[\w-]+\s+){0,4}?(?:nato|ovks|organisation|bündnis|verbündeten)"
        r"[^.;]{0,40}?\bum\s+(?:\w+\s+)?(?:hilfe|beistand|unterstützung)\b)",
        r"обрати\w*\s+к(?=\s+(?:\w+\s+){0,4}?(?:одкб|нато|союзник\w*|организаци\w*)"
        r"[^.;]{0,40}?\bза\s+(?:\w+\s+)?помощ\w*)",
    ],
    "consultation_request": [
        r"(?:request(?:s|ed|ing)?|call(?:s|ed)? for|seek(?:s|ing)?|sought) (?:[\w()-]+ ){0,3}consultations\b",
        r"article 4 consultations\b", r"demand(?:e|é|ent|er) (?:\w+ ){0,2}consultations\b", r"demand(?:e|é|ent) des consultations\b",
        r"solicit(?:ó|aron) consultas\b", r"konsultationen (?:beantragt|verlangt)\b",
        # opening consultations is requesting them: "initiated consultations", "iniciaron
        # consultas", "ont engagé des consultations", "Konsultationen eingeleitet", "инициировали
        # консультации"
        r"(?:initiat|launch|trigger|open|start)(?:e|es|ed|ing|s)? (?:[\w-]+ ){0,2}consultations\b",
        r"inici(?:ó|aron|a|an|ado) (?:\w+ ){0,2}consultas\b", r"convoc(?:ó|aron) (?:\w+ ){0,2}consultas\b",
        r"(?:engag|lanc|déclench|ouv)\w* (?:\w+ ){0,2}consultations\b",
        r"konsultationen (?:eingeleitet|ausgelöst)\b", r"инициирова\w* (?:\w+ ){0,2}консультаци\w*",
        # German verb-final and headline forms: "hat Polen Konsultationen nach Artikel 4 des
        # Nato-Vertrags beantragt", "Polen beantragt Nato-Konsultationen", "forderte Konsultationen"
        r"[\w-]*konsultationen\b(?=[^.;:]{0,80}?\b(?:beantragt|verlangt|gefordert)\b)",
        r"(?:beantragt|beantragte|fordert|forderte|verlangt|verlangte)\w*\s+(?:[\w-]+\s+){0,3}?[\w-]*konsultationen\b",
        r"запрос\w* консультаци\w*",
        # the requester as possessor or after "of": "meet under Article 4 at Turkey's request",
        # "por iniciativa de Colombia ... el llamado a consulta" (kept only near consultations)
        r"(?<=['’]s )(?:request|initiative)\b", r"at the (?:request|initiative) of\b",
        r"on the initiative of\b", r"[àa] la (?:demande|requête|initiative) d[eu]\b",
        r"[àa] l['’]initiative d[eu]\b", r"(?:a|por) (?:petición|solicitud|pedido|iniciativa|instancias) de\b",
        r"auf (?:antrag|bitten|wunsch|ersuchen|initiative) (?:von|de[rs])\b",
        r"по (?:просьбе|запросу|инициативе)\b",
    ],
    "statement": [
        r"anniversary\b", r"congratulatory messages?\b", r"reaffirm(?:s|ed|ing)?\b",
        r"réaffirm\w*", r"reafirm(?:ó|aron|a|an|ado)\b", r"bekräftig\w*", r"вновь подтверди\w*",
        r"anniversaire\b", r"aniversario\b", r"jahrestag\w*", r"годовщин\w*",
        # what a treaty covers ("Article 5 applies to the islands") and an announced pact: the
        # declaring states are the parties (``DECLARING`` below)
        r"(?:also\s+)?appl(?:y|ies|ied)\s+(?:also\s+|equally\s+)?to\b",
        r"(?:also\s+)?cover(?:s|ed)?\b", r"extend(?:s|ed)?\s+to\b",
        r"s['’]appliqu(?:e|ent|erait)\s+(?:\w+\s+)?(?:à|aux?)\b", r"couvr(?:e|ent|ait)\b",
        r"se\s+aplica(?:n|ría)?\s+(?:\w+\s+)?(?:a|al)\b", r"cubr(?:e|en|iría)\b",
        r"gilt\b[^.;]{0,60}?\bfür\b", r"gelten\b[^.;]{0,60}?\bfür\b", r"erstreck\w*\s+sich\s+auf\b",
        r"распространя\w*\s+на\b", r"распространится\s+на\b",
        r"announc(?:e|es|ed|ing)\b(?=\W+(?:(?!that\b)[\w-]+\W+){0,5}?(?:pact|treaty|alliance|agreement|partnership|accord)\b)",
        r"annonc(?:e|é|ée|ent|èrent)\b(?=\W+(?:(?!que\b|qu['’])[\w'’-]+\W+){0,5}?(?:pacte|traité|alliance|accord|partenariat)\b)",
        r"anunci(?:ó|aron|a|an)\b(?=\W+(?:(?!que\b)[\w-]+\W+){0,5}?(?:pacto|tratado|alianza|acuerdo|asociación)\b)",
        r"(?:verkündet\w*|bekanntgegeben|gaben\b[^.;]{0,60}?\bbekannt)(?=(?:(?!\bdass\b)[^.;]){0,80}?(?:pakt|vertrag|bündnis|abkommen|allianz))",
        r"объяви\w*\s+(?:о\s+)?(?:\w+\s+){0,3}?(?:договор|пакт|альянс|соглашени|партнерств)\w*",
        # "a new defense pact announced between the governments of A, B and C": a statement of
        # the states it names
        r"(?:pact|treaty|agreement|alliance|partnership|accord)\s+announced\b(?=\s+(?:between|by|among)\b)",
        # new guidelines for a treaty, agreed or issued by its parties ("agreed on new guidelines
        # for the 1951 Mutual Defense Treaty", "ont adopté de nouvelles lignes directrices pour",
        # "acordaron nuevas directrices para", "neue Leitlinien für ... vereinbart")
        r"(?:issu|agre|adopt|releas|unveil|approv)(?:e|es|ed|ing)\s+(?:on\s+|upon\s+)?(?:\w+\s+){0,2}?"
        r"guidelines\s+(?:for|on|of|under)\b",
        r"(?:adopt|publi|approuv|convenu)\w*\s+(?:\w+\s+){0,3}?lignes\s+directrices\s+(?:pour|sur|du|de)\b",
        r"(?:acord|adopt|aprob|emit|public)\w*\s+(?:\w+\s+){0,3}?directrices\s+(?:para|sobre|del|de)\b",
        r"(?:neue|gemeinsame)\w*\s+leitlinien\b(?=[^.;]{0,80}?\b(?:vereinbart|beschlossen|verabschiedet)\b)",
        # a commitment repeated ("reiterated its commitment to defend", "hat ... erneut
        # zugesichert", "a réitéré son engagement", "reiteró su compromiso")
        r"reiterat(?:e|es|ed|ing)\b(?=\W+(?:[\w'’-]+\W+){0,6}?(?:commitment|pledge|obligations?)\b)",
        r"réitér\w*\b(?=\W+(?:[\w'’-]+\W+){0,6}?(?:engagement|obligations?)\b)",
        r"reiter(?:ó|aron|a|an)\b(?=\W+(?:[\w'’-]+\W+){0,6}?(?:compromiso|obligaci[oó]n\w*)\b)",
        r"(?:erneut|nochmals)\s+zugesichert\b",
        # new sites under an agreement, announced by its parties: "are proud to announce their
        # plans ... with the agreement to designate four new agreed locations", "ont annoncé quatre
        # nouvelles bases", "anunciaron nuevos sitios", "gaben neue Stützpunkte bekannt",
        # "объявили о новых базах"
        r"announc(?:e|es|ed|ing|ement)\b(?=\W+(?:(?!that\b)[\w()'’-]+\W+){0,24}?(?:new|additional|more|further)"
        r"\s+(?:[\w()'’-]+\s+){0,5}?(?:sites|locations|bases)\b)",
        r"annonc(?:e|é|ée|ent|èrent)\b(?=\W+(?:(?!que\b|qu['’])[\w()'’-]+\W+){0,24}?(?:nouveaux|nouvelles)"
        r"\s+(?:[\w()'’-]+\s+){0,3}?(?:sites|bases|emplacements)\b)",
        r"anunci(?:ó|aron|a|an)\b(?=\W+(?:(?!que\b)[\w()'’-]+\W+){0,24}?(?:nuev[oa]s)\s+(?:[\w()'’-]+\s+){0,3}?"
        r"(?:sitios|bases|ubicaciones|emplazamientos)\b)",
        r"gaben\b(?=[^.;]{0,120}?\bneue\w*\s+(?:[\w-]+\s+){0,3}?(?:standorte|stützpunkte)\b[^.;]{0,40}?\bbekannt)",
        r"объяви\w*\s+(?:о\s+)?(?:\w+\s+){0,8}?нов\w+\s+(?:\w+\s+){0,3}?(?:баз|объект|площадк)\w*",
    ],
}
# the statement triggers that are a state's declaration (parties: the declaring states, named
# before the trigger): a reaffirmed commitment, what a treaty covers, a new pact
DECLARING = (r"(?:reaffirm|réaffirm|reafirm|bekräftig|вновь подтверд|(?:also\s+)?appl|(?:also\s+)?cover|extend|s['’]appliqu|couvr|se\s+aplica|cubr|gilt|gelten|"
             r"erstreck|распростран|announc|annonc|anunci|verkündet|bekanntgegeben|gaben|объяви|"
             r"issu|agre|adopt|releas|unveil|approv|publi|convenu|acord|aprob|emit|neue|gemeinsame|"
             r"reiterat|réitér|reiter|erneut|nochmals)")
# what a treaty covers, or an intention to sign or leave, is a statement only when someone declares
# it ("said", "affirmó", "a annoncé")
DECLARING_VERB = (r"(?:said|says|stated|declared|announc\w*|a annoncé|annonce|anunci(?:ó|aron)|"
                  r"kündigt\w*|gab\w* bekannt|объяви\w*|affirm\w*|confirm\w*|assur\w*|reiterat\w*|insist\w*|"
                  r"stress\w*|a déclaré|a affirmé|a confirmé|a assuré|a réaffirmé|dijo|afirm\w*|confirm\w*|"
                  r"asegur\w*|reiter\w*|sagte|erklärte|bekräftig\w*|versicher\w*|betont\w*|"
                  r"заяви\w*|подтверди\w*|завери\w*|подчеркну\w*)")

# "withdraw troops", "le retrait de la force française": soldiers leave, the treaty stays
TROOPS_AFTER = (r"^\W*(?:(?:of|its|their|the|all|de|des|du|la|las|los|der|die|seine|ihre|его|их)\W+){0,3}"
                r"(?:\w+\W+)?(?:troops?|forces?|soldiers|personnel|military personnel|contingent|"
                r"troupes?|soldats|personnels?|tropas|fuerzas|soldados|truppen|soldaten|streitkräfte|"
                r"войск\w*|военнослужащ\w*|контингент\w*)\b")
# the exchange of instruments of ratification completes entry into force; it is no ratification,
# and the protocol of that exchange is no treaty signing
EXCHANGE_NEAR = (r"(?:exchang\w*|échang\w*|canje|intercambi\w*|austausch\w*|обмен\w*)\W+(?:\w+\W+){0,3}$|"
                 r"^\W*(?:\w+\W+){0,2}(?:exchang\w*|échang\w*|canje|austausch\w*|обмен\w*)")

# Signing a communique or a declaration is not signing the treaty it announces
NON_TREATY_OBJECT = (r"^\W*(?:(?:a|an|the|joint|un|une|le|la|el|los|eine?n?|die|das|совместн\w*)\W+){0,3}"
                     r"(?:communiqu\w*|declaration|statement|memorandum|letter of intent|déclaration|"
                     r"comunicado|declaración|erklärung|kommuniqué|коммюнике|заявлени\w*|декларац\w*|"
                     # "signing documents within the CSTO": papers in general, not a treaty
                     r"documents|documentos|dokumente|документов|документы)\b")

# A signing whose object is a law signs domestic law, not a treaty (Putin signing the
# denunciation law is a withdrawal); an entry into force in the same sentence is the law's.
LAW_OBJECT = r"(?:a |the )?(?:law|bill|decree|legislation|loi|décret|ley|decreto|gesetz\w*|закон\w*|указ\w*)\b"

NEGATION = r"(?:never|not|n't|no|refus\w+|declin\w+|jamais|pas|nunca|nicht|kein\w*|не|никогда)"

# a signing or withdrawal verb in the future tense is an intention too ("abandonará la OTSC")
FUTURE = r"(?:quitter(?:a|ont)|se retirer(?:a|ont)|abandonar(?:á|án)|se retirar(?:á|án)|выйд(?:ет|ут)|firmar(?:á|án)|signer(?:a|ont)|подпиш(?:ет|ут))\b"
# An intention right before a signing or withdrawal verb ("will leave", "va quitter", "pretende
# abandonar", "wird ... verlassen", "намерена выйти"): the labels' "announced intention to sign or
# to leave" statement, not the act
INTENT = (r"(?:\b(?:will|would|'ll|plans?\s+to|planning\s+to|intends?\s+to|intending\s+to|is\s+to|"
          r"are\s+to|is\s+set\s+to|wants?\s+to|aims?\s+to|is\s+going\s+to|are\s+going\s+to|"
          r"expects?\s+to|va|vont|compte|comptent|entend|entendent|veut|veulent|prévoit|prévoient|"
          r"l['’]intention\s+de|va\s+a|van\s+a|planea|planean|pretende|pretenden|quiere|quieren|"
          r"prevé|prevén|намерен\w*|планиру\w*|собира\w*|хоч\w*|будет)\s+(?:\w+\s+)?$|"
          r"\b(?:wird|werden|will|wollen|plant|planen|beabsichtigt)\b[^.;]{0,60}$)")

TREATY_NOUNS = [
    "treaty", "treaties", "pact", "agreement", "agreements", "alliance", "charter", "accord",
    "accords", "convention", "protocol", "deal", "compact", "partnership", "arrangement",
    "traité", "pacte", "accord", "alliance", "charte", "convention", "protocole",
    "tratado", "pacto", "acuerdo", "alianza", "carta", "convenio", "protocolo",
    "vertrag", "verträge", "abkommen", "pakt", "bündnis", "allianz", "charta", "übereinkommen",
    "договор", "пакт", "соглашени", "альянс", "союз", "хартия", "хартии", "конвенци", "партнерств",
]

# --- reactions --------------------------------------------------------------------------------
STANCE_CUES: dict[str, list[str]] = {
    "no_comment": [
        r"declin(?:e|es|ed|ing) to (?:comment|say|state|elaborate)", r"refrain(?:s|ed|ing)? from",
        r"(?:did|would|could) not (?:comment|respond)\b", r"no comment\b",
        r"(?:has|have|had) not (?:yet )?(?:commented|responded)",
        r"refus(?:e|es|ed|ing) to comment", r"silent\b", r"silence\b",
        r"refus(?:é|e) de commenter", r"pas (?:souhaité|voulu) commenter", r"sans commentaire",
        r"(?:declinó|se negó a|rehusó) (?:comentar|hacer comentarios)", r"no emiti(?:ó|eron) comentarios", r"sin comentarios", r"no quiso comentar",
        r"wollte sich nicht\b[^.]{0,20}äußern", r"(?:lehnte|lehnten) (?:einen )?kommentar ab",
        r"отказал\w* (?:от )?коммент\w*", r"воздерж\w* от",
    ],
    "condemn": [
        r"condemn\w*", r"deplor\w*", r"censur\w*", r"critici[sz]\w*", r"criticism\b", r"slam(?:s|med)?\b",
        r"blast(?:s|ed)?\b", r"denounc\w*", r"negative view\b", r"outcry\b", r"outrage\w*", r"reject(?:s|ed)?\b", r"protest\w*",
        r"irresponsible\b", r"irresponsable\b", r"unverantwortlich\w*", r"безответственн\w*", r"provocat\w*", r"destabili[sz]\w*", r"authoritarian\b",
        r"condamn\w*", r"dénonc\w*", r"critiqu\w*", r"conden(?:a|ó|aron|ar)\b", r"condena\b",
        r"critic(?:ó|aron|a)\b", r"rechaz\w*", r"verurteil\w*", r"kritisier\w*", r"kritik\b",
        r"осуди\w*", r"осужд\w*", r"отверг\w*",
        # indirect criticism: "a threat to regional stability", "none of its business"
        r"threat(?:s|en(?:s|ed|ing)?)?\s+(?:to\s+)?(?:the\s+)?(?:\w+\s+){0,2}?(?:stability|security|peace)\b",
        r"none of (?:its|their|his|her|our|your) business\b",
        # blamed for an arms race: "inciting an arms race", "une course aux armements", "carrera
        # armamentista", "Rüstungswettlauf", "гонка вооружений"
        r"arms race\b", r"course aux armements\b", r"carrera (?:armamentista|de armamentos)\b",
        r"rüstungswettlauf\w*", r"wettrüsten\b", r"гонк\w* вооружений\b",
        # called a threat / path of error: "calls the pact a threat", "califica de «amenaza»",
        # "qualifie de menace", "als Bedrohung bezeichnet", "назвал угрозой"
        r"(?:call(?:s|ed)?|describ(?:es|ed)|brand(?:s|ed)|label(?:s|led|ed))\s+(?:\w+\s+){0,4}?(?:a\s+)?threat\b",
        r"qualifi\w*\s+(?:[\w'’]+\s+){0,4}?de\s+[«\"“]?\s*menace\b",
        r"calific\w*\s+(?:[\w'’]+\s+){0,4}?(?:de|como)\s+[«\"“]?\s*amenaza\b",
        r"als\s+[„\"«]?bedrohung[“\"»]?\s+(?:\w+\s+)?bezeichn\w*", r"назва\w*\s+(?:\w+\s+){0,3}?угроз\w*",
        # disapproval: "disapproves of", "voit d'un mauvais œil", "ve con malos ojos",
        # "missbilligt", "не одобряет"
        r"disapprov\w*", r"désapprouv\w*", r"d['’]un mauvais (?:œ|oe)il\b", r"con malos ojos\b",
        r"desaprueb\w*", r"desaprob\w*", r"missbillig\w*", r"неодобр\w*", r"не одобря\w*",
        r"path of (?:error|danger)\b", r"voie de l['’]erreur\b", r"camino del error\b",
        r"weg des (?:irrtums|fehlers)\b", r"пут\w* ошиб\w*",
        r"menace\w*\s+(?:pour\s+)?(?:la\s+|les\s+)?(?:\w+\s+){0,2}?(?:stabilité|sécurité|paix)\b",
        r"amenaza\w*\s+(?:para\s+)?(?:la\s+)?(?:\w+\s+){0,2}?(?:estabilidad|seguridad|paz)\b",
        r"(?:bedrohung|bedroht)\w*\s+(?:für\s+)?(?:die\s+|den\s+)?(?:\w+\s+){0,2}?(?:stabilität|sicherheit|frieden)\b",
        r"угроз\w*\s+(?:для\s+)?(?:\w+\s+){0,2}?(?:стабильност|безопасност|мир)\w*",
        r"unacceptable\b", r"inacceptable\b", r"inaceptable\b", r"inakzeptabel\w*", r"неприемлем\w*",
        r"hostile\b", r"hostil(?:e|es)?\b", r"feindselig\w*", r"враждебн\w*",
        r"(?:a|an|the) (?:\w+ )?mistake\b", r"une (?:\w+ )?erreur\b", r"un (?:\w+ )?error\b",
        r"ein(?:en)? (?:\w+ )?fehler\b", r"ошибкой\b",
        r"(?:response|retaliatory|retaliation) measures\b", r"mesures de (?:rétorsion|riposte)\b",
        r"medidas de (?:respuesta|represalia)\b", r"vergeltungsmaßnahmen\b",
        r"counter-?measures\b", r"contre-mesures\b", r"contramedidas\b", r"gegenmaßnahmen\b", r"ответн\w* мер\w*", r"контрмер\w*",
        # a promised response or retaliation is a threat: "пообещало ответ на вступление"
        r"пообещал\w* (?:\w+ )?ответ\w*", r"promis(?:es|ed) (?:a |an )?(?:\w+ )?(?:response|retaliation)\b",
        r"promet(?:tent|tait|) (?:une )?riposte\b", r"prometi(?:ó|eron) (?:una )?respuesta\b", r"критик\w*", r"критиков\w*",
        # harm to security or to relations: "undermines international security", "sape la
        # stabilité", "socava la seguridad", "untergräbt die Sicherheit", "подрывает безопасность",
        # "a destructive course", "destroying ties with", "détruit les relations"
        r"undermin\w*\s+(?:\w+\s+){0,2}?(?:security|stability|peace|trust)\b",
        r"sap\w*\s+(?:la\s+|les\s+)?(?:\w+\s+){0,2}?(?:sécurité|stabilité|paix|confiance)\b",
        r"socav\w*\s+(?:la\s+)?(?:\w+\s+){0,2}?(?:seguridad|estabilidad|paz|confianza)\b",
        r"untergr[äa]b\w*\s+(?:die\s+|den\s+)?(?:\w+\s+){0,2}?(?:sicherheit|stabilität|frieden|vertrauen)\b",
        r"(?:sicherheit|stabilität|frieden|vertrauen)\s+untergr[äa]b\w*",
        r"подрыв\w*\s+(?:\w+\s+){0,2}?(?:безопасност|стабильност|мир|довери)\w*",
        r"destructive\b", r"destructeur\b", r"destructrice\b", r"destructiv[oa]s?\b", r"destruktiv\w*",
        r"деструктивн\w*",
        r"destroy\w*\s+(?:\w+\s+){0,3}?(?:ties|relations)\b",
        r"détrui\w*\s+(?:\w+\s+){0,3}?relations\b", r"destru\w*\s+(?:\w+\s+){0,3}?relaciones\b",
        r"zerstör\w*\s+(?:\w+\s+){0,3}?beziehungen\b", r"разруш\w*\s+(?:\w+\s+){0,3}?отношени\w*",
    ],
    "concern": [
        r"concern(?:s|ed)?\b", r"regret(?:s|ted)?\b", r"worr(?:y|ied|ies)\b", r"alarm(?:ed|ing)?\b", r"grumbl\w*",
        r"unease\b", r"uneasy\b", r"apprehensi\w*", r"warn(?:s|ed|ing)?\b", r"caution(?:ed|s)?\b",
        r"préoccup\w*", r"inquiét\w*", r"inqui(?:et|ète)\b", r"regrett\w*", r"preocupa\w*",
        r"inquietud\w*", r"lament(?:ó|aron|a)\b", r"bedauer\w*", r"сожалени\w*",
        r"besorg\w*", r"sorge\b",
        # disappointment: "deeply disappointed", "manifestó su desilusión", "déçu", "enttäuscht"
        r"disappoint\w*", r"déception\b", r"déçu\w*", r"desilusi\w*", r"decepci\w*",
        r"enttäusch\w*", r"разочаров\w*",
        # irritation: "Moscow bristled at", "irritated", "irrité", "irritó", "irritiert", "раздражение"
        r"bristl\w*", r"irrit(?:ated|ation|é|ée|és|ó|ación|iert\w*)\b", r"раздраж\w*",
        r"advirti(?:ó|eron)\b", r"advierte\b", r"met(?:tent)? en garde\b", r"warnt(?:e|en)?\b", r"предупреди?\w*",
        r"urg(?:e|es|ed|ing) \w+ not to\b", r"urg(?:e|es|ed|ing) \w+ to (?:reject|drop|abandon|reconsider)\b", r"призвал\w* не\b", r"(?:appelé|appelle) à ne pas\b", r"inst(?:ó|aron) a no\b",
        # "will closely monitor", "sceptical", "wary"
        r"(?:closely\s+)?(?:monitor|watch|follow)(?:s|ed|ing)?\s+(?:\w+\s+){0,3}?closely\b",
        r"closely\s+(?:monitor|watch|follow)\w*", r"suivr\w*\s+(?:\w+\s+)?de\s+(?:très\s+)?près",
        r"seguir\w*\s+(?:\w+\s+)?de\s+cerca", r"genau\s+beobacht\w*", r"(?:внимательно|пристально)\s+след\w*",
        r"s[ck]eptic\w*", r"wary\b", r"sceptique\w*", r"escéptic\w*", r"skeptisch\w*", r"скептич\w*",
        # "will study the pact", "raises tensions"
        r"stud(?:y|ies|ying|ied)\s+(?:the\s+|this\s+|that\s+)?(?:\w+\s+)?(?:pact|treaty|agreement|accord|deal)\b",
        r"étudi\w*\s+(?:le\s+|l['’]|ce\s+|cet\s+)(?:\w+\s+)?(?:pacte|traité|accord)\b",
        r"estudi\w*\s+(?:el\s+|este\s+)(?:\w+\s+)?(?:pacto|tratado|acuerdo)\b",
        r"prüf(?:en|t|te|ten)\s+(?:das\s+|den\s+|die\s+)(?:\w+\s+)?(?:abkommen|vertrag|pakt)\b",
        r"изуч\w*\s+(?:\w+\s+)?(?:соглашени|договор|пакт)\w*",
        r"(?:rais|heighten|increas|stok|fuel|escalat|inflam)\w*\s+(?:\w+\s+)?tensions?\b",
        r"(?:attis|accro|augment|exacerb|avive)\w*\s+(?:les\s+)?tensions\b",
        r"(?:aument|elev|aviv|exacerb)\w*\s+(?:las\s+)?tensiones\b",
        r"(?:verschärf|erhöh|schür)\w*\s+(?:die\s+)?spannungen\b",
        r"(?:обостр|усил|повыш|нагнет)\w*\s+(?:\w+\s+)?напряж\w*",
        r"(?:study|studying|studied|examin\w+|assess\w*|evaluar?á?|analizar?á?|estudiar?á?|examiner(?:a)?|prüf\w+)\s+(?:\w+\s+){0,2}(?:implications|implicaciones|consecuencias|conséquences|consequences|auswirkungen|последстви\w*)", r"beunruhig\w*", r"обеспокоен\w*", r"тревог\w*", r"озабочен\w*",
    ],
    "support": [
        r"welcom(?:e|es|ed|ing)\b", r"support(?:s|ed|ing)?\b", r"prais(?:e|es|ed)\b", r"hail(?:s|ed)?\b",
        r"endors(?:e|es|ed)\b", r"applaud\w*", r"solidarity\b", r"solidarité\b", r"solidaridad\b",
        r"solidarität\b", r"солидарн\w*", r"salu(?:e|é|ent)\b", r"soutien\w*", r"soutient\b",
        r"apoy\w*", r"respald\w*", r"acog(?:e|ió|ieron)\b", r"celebr(?:ó|aron)\b",
        r"begrüß\w*", r"unterstütz\w*", r"приветств\w*", r"поддерж\w*",
        # congratulations: "congratulated both countries", "felicitó a Suecia", "поздравила"
        r"congratulat(?:e|es|ed|ing)\b", r"félicit\w*", r"felicit(?:ó|aron|a|an|ar)\b",
        r"gratulier\w*", r"beglückwünsch\w*", r"поздрави\w*",
        # praise: "saludó la adhesión", "elogió", "lobte", "похвалил"
        r"salud(?:ó|aron|a|an)\b", r"elogi(?:ó|aron|a|an)\b", r"lobt(?:e|en)?\b", r"похвал\w*",
    ],
    "neutral": [
        r"took note\b", r"take note\b", r"takes note\b", r"(?:is|was|were|are) aware of\b",
        r"pris note\b", r"prend note\b", r"tomó nota\b", r"zur kenntnis\b",
        r"принял\w* к сведению",
        r"clarif(?:y|ies|ied|ying|ication|ications)\b", r"éclaircissements?\b", r"clarifier\b", r"aclar(?:ar|ación|aciones)\b",
        r"klärung\b", r"klären\b", r"проясн\w*", r"разъясн\w*", r"выясн\w*", r"нет ясности",
        # accepting without judging: "the country's sovereign choice", "sees no problem", "choix
        # souverain", "decisión soberana", "souveräne Entscheidung", "суверенный выбор", "не видит
        # проблем"; asking the parties to keep to the treaty: "will seek guarantees"
        r"sovereign (?:choice|right|decision|matter)\b", r"(?:see|sees|saw) no problem\b",
        r"choix souverain\b", r"droit souverain\b", r"décision souveraine\b",
        r"(?:ne voit|ne voyait) (?:aucun|pas de) problème\b",
        r"(?:decisión|elección|derecho) soberan[oa]\b", r"no ve (?:ningún|ninguna|problema)\b",
        r"souverän\w* (?:entscheidung|wahl|recht)\b", r"(?:sieht|sah) kein\w* problem\w*",
        r"суверенн\w* (?:выбор|право|решени)\w*", r"не вид\w* (?:в этом )?проблем\w*",
        r"(?:seek|seeks|sought|demand\w*) guarantees\b", r"exig\w* des garanties\b",
        r"exig\w* garantías\b", r"garantien (?:zu )?(?:fordern|verlangen)\b",
        r"добива\w* гарантий\b", r"потребова\w* гарантий\b",
    ],
}
STANCE_ORDER = ["no_comment", "condemn", "concern", "support", "neutral"]

# A header like "The pact has drawn criticism and concern from various nations:" opens a list of
# "Actor: ..." items that inherit its stance.
REACTION_HEADER = r"(?:drawn|drew|draws|sparked|triggered|prompted|provoked)\b[^.:]{0,60}(?:criticism|condemnation|concern|reactions?|backlash|support)"

REPORTING = r"(?:said|says|stated|declared|announced|added|noted|wrote|posted|told|according to|a déclaré|a dit|selon|dijo|afirmó|según|sagte|erklärte|laut|заявил\w*|сообщил\w*|по словам)"
# a verb of speaking with a subject (REPORTING without "according to" and its kin)
SPEECH_VERB = (r"(?:said|says|stated|declared|added|noted|told|insisted|stressed|underlined|underscored|"
               r"a déclaré|a dit|a affirmé|a souligné|dijo|afirmó|declaró|señaló|sagte|erklärte|"
               r"betonte|заявил\w*|сказал\w*|отметил\w*|подчеркнул\w*)")

# --- organisations ----------------------------------------------------------------------------
ORGANISATIONS: dict[str, list[str]] = {
    "NATO": ["NATO", "North Atlantic Alliance", "North Atlantic Treaty Organization",
             "North Atlantic Treaty Organisation", "Atlantic Alliance", "OTAN", "Otan", "Nato", "НАТО",
             "Nordatlantikpakt", "Alliance atlantique", "Alianza Atlántica", "Северо-Атлантический альянс"],
    "EU": ["EU", "European Union", "E.U.", "UE", "Union européenne", "Unión Europea",
           "Europäische Union", "Europäischen Union", "ЕС", "Евросоюз", "Европейский союз"],
    "UN": ["UN", "U.N.", "United Nations", "ONU", "Nations unies", "Naciones Unidas",
           "Vereinte Nationen", "Vereinten Nationen", "UNO", "ООН", "Организация Объединенных Наций",
           "UN Security Council", "Security Council"],
    "CSTO": ["CSTO", "Collective Security Treaty Organization", "Collective Security Treaty Organisation",
             "ОДКБ", "OTSC", "OVKS", "Organisation du traité de sécurité collective",
             "Organización del Tratado de Seguridad Colectiva"],
    # regional blocs that stand for their founding treaty ("left ECOWAS"); never reacting actors
    "ECOWAS": ["ECOWAS", "Economic Community of West African States", "CEDEAO", "Cédéao", "Cedeao",
               "Communauté économique des États de l'Afrique de l'Ouest",
               "Comunidad Económica de Estados de África Occidental", "ЭКОВАС"],
    "G5 Sahel": ["G5 Sahel", "G5-Sahel", "G5 du Sahel", "G5 del Sahel", "G5"],
}

# --- state adjectives and abbreviations -------------------------------------------------------
# countrycode supplies names; adjectives ("Japanese Prime Minister") and common abbreviations
# are not in it. Latin forms also match with German endings (-e, -en, -er, -es); Cyrillic forms
# are stems.
STATE_ADJECTIVES: dict[str, list[str]] = {
    "RUS": ["РФ", "State Duma", "Госдум", "Государственная Дума", "Russian", "Russians", "russe", "russes", "ruso", "rusa", "rusos", "russisch", "российск",
            "русск", "Kremlin", "Кремл"],
    "SUN": ["Soviet", "soviétique", "soviético", "soviética", "sowjetisch", "советск", "Sowjetunion",
            "СССР", "Советский Союз", "URSS"],
    "CHN": ["Chinese", "chinois", "chinoise", "chino", "chinesisch", "китайск", "PRC",
            # the full name, before countrycode's "Republic of China" (Taiwan) can take its tail
            "People's Republic of China", "People’s Republic of China"],
    "PRK": ["North Korean", "North Koreans", "nord-coréen", "nord-coréenne", "norcoreano",
            "norcoreana", "nordkoreanisch", "северокорейск", "DPRK", "КНДР", "RPDC", "N. Korea",
            "Северная Корея", "Северной Кореи", "Corea del Norte", "Corée du Nord"],
    "KOR": ["South Korean", "South Koreans", "sud-coréen", "sud-coréenne", "surcoreano",
            "surcoreana", "südkoreanisch", "южнокорейск", "ROK", "S. Korea", "Южная Корея",
            "Южной Кореи", "Corea del Sur", "Corée du Sud"],
    "USA": ["American", "Americans", "américain", "américaine", "estadounidense", "estadunidense",
            "amerikanisch", "американск", "U.S.", "U. S.", "US", "USA", "U.S.A.", "EE.UU.", "EE. UU.", "США",
            "Pentagon", "White House", "State Department", "Пентагон", "Госдеп"],
    "GBR": ["British", "britannique", "británico", "británica", "britisch", "британск", "UK", "U.K.",
            "Britain", "Great Britain", "Grande-Bretagne", "Gran Bretaña", "Großbritannien",
            # a part of the United Kingdom, not Ireland (the tail of the state's full name)
            "Northern Ireland", "Irlande du Nord", "Irlanda del Norte", "Nordirland", "Северная Ирландия",
            "Downing Street", "Whitehall"],
    "JPN": ["Japanese", "japonais", "japonaise", "japonés", "japonesa", "japanisch", "японск"],
    "UKR": ["Ukrainian", "Ukrainians", "ukrainien", "ukrainienne", "ucraniano", "ucraniana",
            "ukrainisch", "украинск"],
    "AUS": ["Australian", "australien", "australienne", "australiano", "australiana",
            "australisch", "австралийск"],
    "PNG": ["Papua New Guinean", "PNG"],
    "FRA": ["French", "français", "française", "francés", "francesa", "französisch", "французск",
            "Élysée", "Elysee"],
    "DEU": ["German", "allemand", "allemande", "alemán", "alemana", "deutsch", "немецк", "германск"],
    "IRN": ["Iranian", "iranien", "iranienne", "iraní", "iranisch", "иранск", "Tehran", "Téhéran"],
    "BLR": ["Belarusian", "biélorusse", "bielorruso", "belarussisch", "белорусск", "Белорусси"],
    "TUR": ["Turkish", "turc", "turque", "turco", "türkisch", "турецк", "Türkiye"],
    "IND": ["Indian", "indien", "indienne", "indio", "indisch", "индийск"],
    "PAK": ["Pakistani", "pakistanais", "paquistaní", "pakistanisch", "пакистанск"],
    "ISR": ["Israeli", "israélien", "israelí", "israelisch", "израильск"],
    "SAU": ["Saudi", "saoudien", "saudí", "saudisch", "саудовск", "Saudi Arabia"],
    "POL": ["Polish", "polonais", "polaco", "polnisch", "польск"],
    "FIN": ["Finnish", "finlandais", "finlandés", "finnisch", "финск", "финлянд"],
    "SWE": ["Swedish", "suédois", "sueco", "schwedisch", "шведск"],
    "ARM": ["Armenian", "arménien", "armenio", "armenisch", "армянск"],
    "AZE": ["Azerbaijani", "azerbaïdjanais", "azerbaiyano", "aserbaidschanisch", "азербайджанск"],
    "KAZ": ["Kazakh", "kazakh", "kasachisch", "казахстанск"],
    "MLI": ["Malian", "malien", "malienne", "maliense", "malisch"],
    "NER": ["Nigerien", "nigérien", "nigérienne", "nigerino", "nigrisch"],
    "BFA": ["Burkinabe", "Burkinabé", "burkinais", "Burkina", "burkinés"],
    "NZL": ["New Zealander"],
    "PHL": ["Philippine", "Filipino", "philippin", "filipino", "philippinisch",
            "Malacañang", "Malacanang"],  # the presidential palace, like "White House"
    "VNM": ["Vietnamese", "vietnamien", "vietnamita", "vietnamesisch", "вьетнамск"],
    "SYR": ["Syrian", "syrien", "sirio", "syrisch", "сирийск"],
    "EGY": ["Egyptian", "égyptien", "egipcio", "ägyptisch", "египетск"],
    "CAN": ["Canadian", "canadien", "canadiense", "kanadisch", "канадск"],
    "ITA": ["Italian", "italien", "italiano", "italienisch", "итальянск"],
    "ESP": ["Spanish", "espagnol", "español", "spanisch", "испанск"],
    "PRT": ["Portuguese", "portugais", "portugaise", "portugués", "portuguesa", "portugiesisch",
            "португальск"],
    "BRA": ["Brazilian", "brésilien", "brasileño", "brasilianisch", "бразильск"],
    "MEX": ["Mexican", "mexicain", "mexicano", "mexikanisch", "мексиканск"],
    "ARG": ["Argentine", "Argentinian", "argentin", "argentino", "argentinisch"],
    "VEN": ["Venezuelan", "vénézuélien", "venezolano", "venezolanisch", "венесуэльск"],
    "CUB": ["Cuban", "cubain", "cubano", "kubanisch", "кубинск"],
    "TWN": ["Taiwanese", "taïwanais", "taiwanés", "taiwanisch", "тайваньск"],
    "GEO": ["Georgian", "géorgien", "georgiano", "georgisch", "грузинск"],
    "SRB": ["Serbian", "serbe", "serbio", "serbisch", "сербск"],
    "HUN": ["Hungarian", "hongrois", "húngaro", "ungarisch", "венгерск"],
    "NOR": ["Norwegian", "norvégien", "noruego", "norwegisch", "норвежск"],
    "DNK": ["Danish", "danois", "danés", "dänisch", "датск"],
    "NLD": ["Dutch", "néerlandais", "neerlandés", "niederländisch", "нидерландск", "голландск"],
    "GRC": ["Greek", "grec", "grecque", "griego", "griechisch", "греческ"],
    "LTU": ["Lithuanian", "lituanien", "lituano", "litauisch", "литовск"],
    "LVA": ["Latvian", "letton", "letón", "lettisch", "латвийск"],
    "EST": ["Estonian", "estonien", "estonio", "estnisch", "эстонск"],
    "ROU": ["Romanian", "roumain", "rumano", "rumänisch", "румынск"],
    # the newer NATO members and their neighbours, and the states of recent pacts' neighbourhoods
    "MNE": ["Montenegrin", "monténégrin", "montenegrino", "montenegrinisch", "черногорск"],
    "ALB": ["Albanian", "albanais", "albanés", "albanisch", "албанск"],
    "HRV": ["Croatian", "croate", "croata", "kroatisch", "хорватск"],
    "SVN": ["Slovenian", "Slovene", "slovène", "esloveno", "slowenisch", "словенск"],
    "CZE": ["Czech", "tchèque", "checo", "tschechisch", "чешск"],
    "SVK": ["Slovak", "slovaque", "eslovaco", "slowakisch", "словацк"],
    "BGR": ["Bulgarian", "bulgare", "búlgaro", "bulgarisch", "болгарск"],
    "BEL": ["Belgian", "belge", "belga", "belgisch", "бельгийск"],
    "COL": ["Colombian", "colombien", "colombiano", "kolumbianisch", "колумбийск"],
    "ECU": ["Ecuadorian", "équatorien", "ecuatoriano", "ecuadorianisch", "эквадорск"],
    "MAR": ["Moroccan", "marocain", "marroquí", "marokkanisch", "марокканск"],
    "DZA": ["Algerian", "algérien", "argelino", "algerisch", "алжирск"],
    # Kosovo: the World Bank's code, which casus.model.states accepts; countrycode lacks it
    "XKX": ["Kosovo", "Kosovar", "kosovar", "kosovarisch", "Kosova", "Косово", "косовск"],
}

# Leaders and ministers named without their country are dated data, not a word list:
# ``data/office_holders.yaml`` (read by ``casus.news.holders``).

# Seas, gulfs and peninsulas named after a state: places, not the state ("tensions in the South
# China Sea" says nothing of China).
PLACES_NOT_ACTORS = [
    "South China Sea", "East China Sea", "mer de Chine méridionale", "mer de Chine orientale",
    "mar de China Meridional", "mar de China Oriental", "Südchinesische Meer", "Südchinesischen Meer",
    "Ostchinesische Meer", "Ostchinesischen Meer", "Южно-Китайско", "Восточно-Китайско",
    "Sea of Japan", "mer du Japon", "mar de Japón", "Japanische Meer", "Japanischen Meer", "Японско",
    "Gulf of Finland", "golfe de Finlande", "golfo de Finlandia", "Finnische Meerbusen",
    "Finnischen Meerbusen", "Финский залив", "Финского залива", "Финском заливе",
    "Gulf of Guinea", "golfe de Guinée", "golfo de Guinea", "Gulf of Mexico", "golfe du Mexique",
    "golfo de México", "Golf von Mexiko", "Korean Peninsula", "péninsule coréenne",
    "península coreana", "koreanische Halbinsel", "koreanischen Halbinsel", "Корейский полуостров",
    "Корейского полуострова", "Корейском полуострове",
]

# Capitals that stand for more than one actor are not used as metonyms.
AMBIGUOUS_CAPITALS = {"Brussels", "Bruxelles", "Brüssel", "Брюссель", "Victoria", "Kingston",
                      "Georgetown", "Hamilton", "Santo Domingo", "San Juan", "Nassau", "Vienna"}

# --- dates ------------------------------------------------------------------------------------
# Month and weekday names come from CLDR (``casus.news.calendar_names``, through babel). These
# short lists say only where the reader departs from CLDR, and why.
# CLDR abbreviations that are common English words are months only in a full date ("3 ago
# 2024", "3 set. 2024"): without a year, "two years ago 5,000 troops" and "the treaty set 5
# goals" would read as 5 August and 5 September.
MONTHS_ONLY_WITH_A_YEAR = frozenset({"ago", "set"})
# Forms news text uses that CLDR lacks (none needed so far: "Sept." is en_GB's, "Jänner" de_AT's,
# "setiembre" es_PE's).
MONTH_NAMES_ADDED: dict[str, int] = {}
# Weekdays CLDR lacks: the Russian accusative after "в" ("в пятницу"; CLDR has the nominative
# only, and the other four days are the same in both), Spanish written without accents, and
# German "Sonnabend" (Saturday in the north and east).
WEEKDAY_NAMES_ADDED: dict[str, int] = {
    "среду": 2, "пятницу": 4, "субботу": 5, "miercoles": 2, "sabado": 5, "sonnabend": 5,
}

# Relative days stay hand-written: babel has no public API for CLDR's relative day names, and
# only "today" and "yesterday" (and "tonight", "last night", which CLDR lacks) are used.
RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tonight": 0, "last night": -1, "aujourd'hui": 0,
                 "hier": -1, "hoy": 0, "ayer": -1, "heute": 0, "gestern": -1, "сегодня": 0,
                 "вчера": -1}
# "the same day", "that day", "the next day", "two days later": the date given just before (in the
# sentence or the one before it), shifted by the days they say
SAME_DAY = {
    r"(?:the\s+)?same\s+day|that\s+(?:same\s+)?day|on\s+the\s+same\s+date|le\s+même\s+jour|"
    r"le\s+jour\s+même|ce\s+jour-là|(?:ese|el)\s+mismo\s+día|ese\s+día|am\s+(?:selben|gleichen)\s+tag|"
    r"an\s+diesem\s+tag|в\s+(?:тот|этот)\s+же\s+день|в\s+тот\s+день": 0,
    r"the\s+(?:next|following)\s+day|the\s+day\s+after|a\s+day\s+later|le\s+lendemain|"
    r"(?:al|el)\s+día\s+siguiente|am\s+(?:nächsten|folgenden)\s+tag|am\s+folgetag|"
    r"на\s+следующий\s+день": 1,
}
# "two days later", "deux jours plus tard", "dos días después", "zwei Tage später", "через два дня"
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "deux": 2, "trois": 3, "quatre": 4,
                "cinq": 5, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "zwei": 2, "drei": 3,
                "vier": 4, "fünf": 5, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5}
DAYS_LATER = (r"(?P<n>\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+(?:days?\s+(?:later|after)|"
              r"jours?\s+(?:plus\s+tard|après)|días?\s+(?:después|más\s+tarde)|tage?n?\s+(?:später|danach)|"
              r"(?:дня|дней)\s+спустя)|через\s+(?P<n2>\d{1,2}|два|две|три|четыре|пять)\s+(?:дня|дней)")

# --- language identification (stopword votes) ------------------------------------------------
STOPWORDS = {
    "en": ["the", "of", "and", "to", "in", "that", "is", "was", "for", "on", "with", "has", "have", "said", "by"],
    "fr": ["le", "la", "les", "des", "du", "et", "est", "une", "dans", "pour", "que", "qui", "sur", "a", "été", "avec"],
    "es": ["el", "la", "los", "las", "del", "y", "que", "en", "por", "con", "una", "para", "se", "ha", "fue"],
    "de": ["der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "auf", "für", "hat", "wurde"],
    "ru": ["и", "в", "не", "на", "что", "с", "по", "как", "это", "из", "от", "за", "к", "о"],
}

# --- boilerplate ------------------------------------------------------------------------------
# A line (after stripping) matching one of these starts the trailing furniture of a page.
BOILERPLATE_START = [
    r"keep reading", r"read more\b.*", r"recent posts", r"related(?: posts| articles| stories| news| content)?:?",
    r"more (?:stories|news|from\b.*)", r"you (?:may|might) also like.*", r"tags?:.*", r"about the author",
    r"about [A-Z][\w.]+(?: [A-Z][\w.]+)?", r"share (?:this|on)\b.*", r"follow us\b.*",
    r"sign up\b.*", r"subscribe\b.*", r"(?:this|our) (?:web)?site uses cookies.*", r"we use cookies.*",
    r"blog comments powered by disqus", r"comments?", r"advertisement", r"most (?:read|popular)",
    r"trending(?: now)?", r"(?:à )?lire aussi.*", r"sur le même sujet", r"leer más", r"lea también.*",
    r"noticias relacionadas", r"weiterlesen", r"mehr zum thema.*", r"das könnte sie auch interessieren",
    r"читайте также.*", r"теги:.*", r"похожие новости", r"loading\.*", r"all rights reserved.*",
]
# Lines dropped wherever they stand (furniture inside the article body).
BOILERPLATE_LINE = [
    r"(?:this|our) (?:web)?site uses cookies.*", r"we use cookies.*", r"accept(?: all)? cookies",
    r"advertisement", r"blog comments powered by disqus", r"share(?: this article)?",
    r"click (?:here|to)\b.*", r"(?:image|photo|picture)(?: credit)?:.*",
]
