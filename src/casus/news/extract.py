"""Treaty events and third-party reactions, found sentence by sentence with rules.

Events (conventions of ``news-dev/labels.yaml``):

* a trigger word of one event type (``lexicon.EVENT_TRIGGERS``) in a sentence that refers to a
  treaty (a treaty noun, a registry name, a defined acronym) or names the event as a noun
  ("its withdrawal", "the latest signing");
* parties: for signing, entry into force and statements, every state the sentence names (both
  signatories), but for a declaration of what a treaty covers or of a new pact the declaring
  states named before the trigger; for the one-sided types, the acting state: the nearest state
  named before the trigger in its clause, or "by <state>" after it (an alliance invoking its
  defence article acts for the attacked state);
* date: the full date nearest the trigger in the sentence; a weekday or "yesterday" only against
  the article's date; otherwise none;
* a negated trigger ("never ratified") is no event; a signed *law* is not a treaty signing.

Mentions of one event are merged: same type, treaty and parties; a mention without a date joins
a dated one; a mention without parties joins one with parties. The treaty of the earliest event
is the article's treaty; events of other treaties are kept only when dated.

Reactions: a stance cue (``lexicon.STANCE_CUES``) in a sentence that refers to the treaty, or in
an "Actor: ..." item under a header such as "The pact has drawn criticism and concern:". The
actor is the item's label, the state after "grumblings in/criticism from", the speaker of a
reporting clause after the cue ("..., the ministry's spokeswoman said", "..., a déclaré le
porte-parole"), the subject of a speech verb before it ("X said that Y's withdrawal ..."), or
the states named before the cue in its clause. A hedged charge ("could undermine") is concern.
Parties to the event or the treaty never count as reacting.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import date

from casus.news import lexicon
from casus.news.actors import Mention
from casus.news.dates import DateMention
from casus.news.text import Sentence, quote_open
from casus.news.treaties import (
    RegistryIndex,
    TreatyMention,
    TreatyRef,
    as_today,
    generic_name,
)

_PER_SENTENCE = 12  # triggers or stance cues read per sentence (caps the work on junk input)
_UNILATERAL = {"ratification", "accession", "withdrawal", "suspension", "invocation",
               "consultation_request"}
_TRIGGERS = [(etype, re.compile(r"(?<!\w)(?:" + "|".join(pats) + ")", re.IGNORECASE))
             for etype, pats in lexicon.EVENT_TRIGGERS.items()]
_STANCES = [(stance, re.compile(r"(?<!\w)(?:" + "|".join(pats) + ")", re.IGNORECASE))
            for stance, pats in lexicon.STANCE_CUES.items()]
_NEG = re.compile(r"(?<!\w)" + lexicon.NEGATION + r"(?!\w)(?:\W+\w+){0,2}\W*$", re.IGNORECASE)
# a question about the conditions of an event: "has not settled what will invoke the treaty"
_WHAT_WOULD = re.compile(r"(?i)\bwhat\s+(?:will|would|could|might)\s+$")
_LAW_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}?" + lexicon.LAW_OBJECT, re.IGNORECASE)
# a participle of signing that agrees with a law or decree before it
_LAW_SIGNED = re.compile(r"(?i)\b(?:decree|law|bill|ordinance|executive\s+order|décret|loi|decreto|"
                         r"ley|dekret|gesetz|verordnung|указ|закон)\b(?:\s+[\w'’-]+){0,5},?\s+"
                         r"(?:(?:and|y|et|und|и)\s+)?(?:signed|signé\w*|firmad[oa]s?|"
                         r"unterzeichnet\w*|подписан\w*)\s*$")
_ANNIV = re.compile(r"(?:anniversary|anniversaire|aniversario|jahrestag|годовщин)\w*\s+(?:of\s+"
                    r"|de\s+|del\s+|des\s+|der\s+)?(?:the\s+|la\s+|l'|los\s+)?$", re.IGNORECASE)
_NOMINAL = re.compile(r"(?:\b(?:its|their|his|her|the|latest|this|our)\s+(?:\w+\s+)?|['’]s\s+)$",
                      re.IGNORECASE)
_CLAUSE = re.compile(r"(?<![A-Z\d])(?<!Mr)(?<!Mrs)(?<!Ms)(?<!Dr)(?<!St)[;:.!?](?:\s|$)|<…>|"
                     r"\s[–—]\s|,\s+(?:while|whereas|but|and that)\s")
_PREP_BEFORE = re.compile(r"(?:\b(?:of|with|against|towards?|to|on|about|over|for|into|avec|"
                          r"between|entre|zwischen|между|behind|hinter|derrière|"
                          r"contre|con|contra|mit|gegen|für|zur|zum|против|с|о|на|de|du|des|del)\s+"
                          r"(?:the\s+|la\s+|l['’]|los\s+|las\s+)?|\bd['’])$",
                          re.IGNORECASE)
_TITLE_OF = re.compile(r"(?:president|head|chief|secretary[- ]general|spokes\w+|minister|"
                       r"representative|représentante?|representante|vertreter\w*|sprecher\w*|"
                       r"представител\w*|"
                       r"government|leader|ministry|office|présidente?|ministre|ministère|"
                       r"porte-parole|chef|gouvernement|diplomatie|presidente|ministro|ministerio|"
                       r"portavoz|gobierno|canciller\w*|jefe)\s+(?:\w+\s+){0,3}?"
                       r"(?:of|for|de|du|des|del|pour|para|für)\s+(?:the\s+|la\s+|l['’])?$",
                       re.IGNORECASE)
_AFTER_CUE = re.compile(r"^\s+(?:\w+\s+){0,2}?(?:in|from|by|de|desde|aus|von|из|со стороны)\s+"
                        r"(?:the\s+|all\s+)?(?:\w+\s+){0,1}$", re.IGNORECASE)
_HEADER = re.compile(lexicon.REACTION_HEADER, re.IGNORECASE)
# "suspended its participation": the object is membership of a treaty even without its name
_PARTICIPATION = re.compile(r"\s+(?:its|their|his|her|the country's)\s+(?:participation|membership|"
                            r"obligations|commitments|adherence)\b", re.IGNORECASE)
_COORD = re.compile(r"\s*(?:,|,?\s*and|,?\s*et|,?\s*y|,?\s*und|,?\s*и)\s+"
                    r"(?:the\s+|le\s+|la\s+|les\s+|l['’]|el\s+|los\s+|las\s+|der\s+|die\s+|das\s+)?",
                    re.IGNORECASE)
# between an event verb and an event noun that is its object: "ratified Sweden's accession"
# "The Danish prime minister and the Estonian president signed": titles between the states
# of a coordinated subject; "Ukrainian President Volodymyr Zelenskyy": one person, one state
_TITLE_GAP = re.compile(r"(?:\s+[\w.'’-]+){0,3}\s+")
_TITLED_COORD = re.compile(r"(?:\s+[a-zà-ÿ][\w'’-]*){0,3}\s*(?:,|(?:,\s*)?\s(?:and|et|y|und|и))\s+"
                           r"(?:(?:the|le|la|les|el|los|las|der|die|das)\s+|l['’])?"
                           r"(?:[a-zà-ÿ][\w'’-]*\s+){0,3}", re.IGNORECASE)
_EVENT_NOUN = re.compile(r"\w*(?:i[oó]n|al|ment|ium|ung|tritt|protokolls?|ени[еяю])$",
                         re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s+(?:the\s+|its\s+|their\s+)?"
                         r"(?:[\w’'.«»“”„\"-]+\s+|[\w’'.]+-|[ldLD]['’]){0,4}",
                         re.IGNORECASE)
# an event that is only made possible, asked for or planned: "a bill to allow Finland to join",
# "grounds for joining", "applied to join", "основания для ... вступления"
_NOT_YET = re.compile(r"(?:\b(?:allow|allowing|permit|enable|let|ready|bid|appl(?:y|ied|ication)|"
                      r"ask(?:s|ed)?|seek(?:s|ing)?|want(?:s|ed)?|expected|plans?|planned|intends?|"
                      r"aim(?:s|ing)?|hopes?|the way|with a view)\s+(?:\w+\s+){0,2}?to|\bfor|"
                      r"\bpour|\bpara|"
                      r"\bdemande\s+d['’]|\bcandidature\s+(?:\w+\s+){0,2}?(?:à|a)|\bsolicitud\s+de|"
                      r"\bantrag\s+auf|\bзаявк\w*\s+(?:\w+\s+){0,2}?на|\bapplications?\s+to|"
                      r"\bbis\s+(?:zu[mr]\s+)?|\buntil|\bjusqu['’]?(?:à|au)|\bhasta|\bдо|"
                      r"\b(?:möglich\w*|possible|potential|eventual\w*|posible|futur\w*|future)|"
                      r"\bfür|\bzur|\bzum|\bдля|\bк)\s+(?:[\w-]+\s+|\w+-){0,2}?$", re.IGNORECASE)
_REPORT = re.compile(r"(?<!\w)" + lexicon.REPORTING + r"(?!\w)", re.IGNORECASE)
# a stance noun that sets the scene ("amid concerns", "sur fond d'inquiétudes") reacts to nothing
_BACKDROP = re.compile(r"(?:\bamid(?:st)?|\bagainst a backdrop of|\bsur fond d['’e]\s*|"
                       r"\ben medio de|\bvor dem hintergrund|\bна фоне)\s*(?:\w+\s+){0,2}$",
                       re.IGNORECASE)
# the addressee of a verb of giving or asking is not the one reacting ("Tallinn handed Moscow a
# protest note", "urged Yerevan not to")
_RECIPIENT = re.compile(r"\b(?:hand(?:s|ed)?|sen[dt]s?|g[ai]ves?|summon(?:s|ed)?|t[oe]ll?s?|told|"
                        r"urg(?:e|es|ed)|ask(?:s|ed)?|call(?:s|ed)? on|remis|envoyé|entregó|"
                        r"envió|überreicht\w*|вручил\w*)\s+(?:the\s+)?$", re.IGNORECASE)
# an organisation asked to act is not the one acting: "Poland asked NATO to activate Article 4",
# "La Pologne a demandé à l'Otan d'activer"
_ASKED = re.compile(r"(?:\b(?:ask(?:s|ed)?|urg(?:e|es|ed)|call(?:s|ed)? on|request(?:s|ed)?|"
                    r"demand(?:e|é|ent)\s+à|pid(?:e|ió|ieron)\s+a|a|à|to|an|к)\s+"
                    r"(?:the\s+|l['’]|la\s+|le\s+|die\s+|la\s+)?)$", re.IGNORECASE)
_OBJECT_OF_EVENT = re.compile(
    r"(?<!\w)(?:join(?:s|ed|ing)?|" + "|".join(p for pats in (lexicon.EVENT_TRIGGERS["accession"],
                                            lexicon.EVENT_TRIGGERS["withdrawal"],
                                            lexicon.EVENT_TRIGGERS["suspension"]) for p in pats)
    + r")(?:\s+(?:from|in|to|of|the|de|la|le|l['’]|der|die|aus|из|в))*\s*$", re.IGNORECASE)
_PRONOUN = re.compile(r"(?<!\w)(?:he|she|il|elle|él|ella|er|sie|он|она)(?!\w)", re.IGNORECASE)
# a relative clause between commas ("La Suède, qui avait ... en Ukraine, devient ..."): the states
# it names are not the subject of the main verb
_RELATIVE = re.compile(r",\s*(?:qui|which|who|que|quien|quienes|die|der|das|который|которая|"
                       r"которое|которые)\b[^,;.]{0,200},"
                       # a dash-delimited insert: "la Macédoine du Nord – dont le protocole ...
                       # par les membres de l'Alliance – venait de ..."
                       r"|\s[–—]\s[^–—;.]{0,200}\s[–—]\s", re.IGNORECASE)
# an obligation or commitment to act is no act: "commitments to ratify", "обязательств по
# ратификации", "l'engagement de ratifier", "el compromiso de ratificar", "Verpflichtung zur"
_OBLIGATION = re.compile(r"(?i)\b(?:commitments?|obligations?|pledges?|engagements?|"
                         r"compromisos?|obligaci[oó]n(?:es)?|verpflichtung\w*|обязательств\w*)\s+"
                         r"(?:to|on|of|à|de|d['’]|zu[rm]?|по)\s*(?:[\w'’-]+\s+){0,1}$")
# the object of an approval that ends a treaty: "approved the termination of", "одобрил
# расторжение", "a approuvé la dénonciation", "aprobó la denuncia", "billigte die Kündigung"
_TERMINATION_AFTER = re.compile(r"(?i)\s+(?:[\w'’-]+\s+){0,2}?(?:termination|denunciation|"
                                r"abrogation|dénonciation|résiliation|denuncia|terminación|"
                                r"rescisión|kündigung|aufkündigung|расторжени\w*|денонсаци\w*)")
# a relative clause on the treaty after the trigger: ", in which ...", ", dans lequel ...",
# ", en el que ...", ", in dem ...", ", в котором ..."
_RELATIVE_AFTER = re.compile(r"(?i),\s*(?:in\s+which|under\s+which|which|dans\s+lequel|"
                             r"dans\s+laquelle|par\s+lequel|lequel|laquelle|en\s+el\s+que|"
                             r"en\s+la\s+que|por\s+el\s+que|el\s+cual|la\s+cual|in\s+dem|"
                             r"in\s+der|mit\s+dem|в\s+котором|по\s+которому|который|которое)\b")
# an absolute participle after a comma: "..., la Grèce ayant levé son véto", "..., Greece having
# lifted its veto": another subject's clause, not the signatories
_ABSOLUTE = re.compile(r"(?i),\s*(?:[\w'’-]+\s+){1,4}?(?:ayant|having|habiendo|étant|being)\s")
_RULES_STATE = re.compile(r"(?i),?\s*(?:qui|which|that|who|que|die|der|который|которая|которое)\s+"
                          r"(?:dirige|gouverne|rules?|governs?|leads?|runs?|gobierna|regiert|"
                          r"führt|управляет|руководит)\s+(?:le\s+|la\s+|l['’]|the\s+|el\s+)?")
# German possessor after its noun: "für die Aufnahme Schwedens", "den Beitritt Finnlands"
_GENITIVE_OF = re.compile(r"\b(?:die|der|das|den|dem|des)\s+[A-ZÄÖÜ][\w-]*[a-zäöüß]\s+$")
# an organisation one goes into is not the actor: "in die Nato", "à l'Otan", "в НАТО"
_INTO = re.compile(r"\b(?:in|into|in die|zur|zum|à|en|dans|в|во)\s+(?:the\s+|l['’]|la\s+)?$",
                   re.IGNORECASE)
_INSTEAD = re.compile(r"(?i)\b(?:instead|au lieu|en lugar de|en vez de|stattdessen|вместо)\b")
_UNREALISED = re.compile(r"(?i)\b(?:expected|hoped|planned|intended|was due|were due|was set|"
                         r"were set)\s+to\s+have\b[^.;]*$")
_NON_TREATY = re.compile(lexicon.NON_TREATY_OBJECT, re.IGNORECASE)
_TROOPS_AFTER = re.compile(lexicon.TROOPS_AFTER, re.IGNORECASE)
_EXCHANGE = re.compile(lexicon.EXCHANGE_NEAR, re.IGNORECASE)
# "the government decided to withdraw": the state named as subject of the sentence before
_GENERIC_SUBJECT = re.compile(r"\b(?:the|le|la|les|el|los|las|die|das|its|their)\s+(?:\w+\s+)?"
                              r"(?:government|gouvernement|gobierno|regierung|junta|authorities|autorités|"
                              r"autoridades|behörden|country|pays|país|land)\b|\bправительств\w*",
                              re.IGNORECASE)
_TOGETHER = re.compile(r"\b(?:together|jointly|along|in cooperation|in coordination)\s+with\s+"
                       r"(?:other\s+allies\s+including\s+|the\s+)?|\b(?:conjointement avec|"
                       r"de concert avec|junto con|gemeinsam mit|zusammen mit|совместно с)\s+"
                       r"(?:la\s+|l['’]|le\s+)?",
                       re.IGNORECASE)
# "the treaty with Iran", "den Vertrag ... mit Nordkorea": the other party, not the one acting
# "treaty with Japan", "tratado con Filipinas", "Vertrag mit Nordkorea", "договор с КНДР"
# "its agreement with", also after a short qualifier: "son traité de défense avec la France", "un
# accord militaire de 1961 avec", "les accords signés avec"
_WITH_AFTER = re.compile(r"(?:\s+(?!(?:along|together|zusammen|junto|ainsi)\b)[\w-]+){0,3}?"
                         r"\s+(?:with|con|avec|mit|с|со)\s+"
                         r"(?:the\s+|la\s+|le\s+|les\s+|l['’]|el\s+|los\s+|dem\s+|den\s+)?",
                         re.IGNORECASE)
_PASSIVE = re.compile(r"(?<!\w)(?:was|were|been|being|is|are|été|fue|fueron|sido|wurde|wurden|"
                      r"worden|ist|был\w*)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_BY_AGENT = re.compile(r"\W*(?:\w+\W+){0,3}?(?:by|par|por|von|durch)\s+"
                       r"(?:the\s+|la\s+|le\s+|l['’]|el\s+|den\s+|die\s+)?", re.IGNORECASE)
_DECLARING = re.compile(lexicon.DECLARING, re.IGNORECASE)
_INTENT = re.compile(lexicon.INTENT, re.IGNORECASE)
_FUTURE = re.compile(lexicon.FUTURE, re.IGNORECASE)
# a law as the subject of an entry into force: "the bill comes into force", "la loi entre en
# vigueur"
_LAW_SUBJECT = re.compile(r"(?i)\b(?:bill|law|decree|act|loi|décret|ley|decreto|gesetz|закон|указ)"
                          r"\s+(?:(?:also|then|itself|will|shall|would|is|was)\s+)?$")
# "will enter into force after its ratification", "entrará en vigor tras su ratificación"
_ONCE_RATIFIED = re.compile(r"(?i)[^.;]{0,30}?\b(?:after|upon|once|following|when|tras|"
                            r"después\s+de|una\s+vez|cuando|après|dès|lorsque|une\s+fois|nach|sobald|после|по)\s+"
                            r"(?:\w+\s+){0,3}?(?:ratif|ратифи)\w*")
_FUTURE_EIF = re.compile(r"(?i)\b(?:will|shall|would)\b|entrar[áa]n?\b|entrera\b|entreront\b|"
                         r"\btreten\b|\bwird\b|вступ(?:ит|ят)\b")
# a passive future: "will be signed", "sera signé", "será firmado", "будет заключен"
_PASSIVE_FUTURE = re.compile(r"(?i)(?:\b(?:will|would|shall)\s+(?:\w+\s+)?be|"
                             r"\bser(?:a|ait|ont|á|án)|(?<!\w)буд(?:ет|ут))\s+(?:\w+\s+)?$")
_PARTICIPLE = re.compile(r"(?i)(?:ed|é|ée|és|ées|u|ue|us|ado|ada|ados|adas|ido|ida|"
                         r"[ая]н|[ая]на|[ая]но|[ая]ны|[её]н|ена|ено|ены)$")
# "sign" the noun: after a determiner or an adjective ("a sign", "the clearest sign"), or before
# "of" / "that" ("signs of a thaw")
_SIGN_NOUN = re.compile(r"(?:\b(?:a|an|the|this|that|another|any|no|every|clear|clearer|first|"
                        r"latest|positive|negative|good|bad|strong|further|only|one|some|warning|"
                        r"[a-z]+est)"
                        r"\s+signs?|\bsigns?(?=\s+(?:of|that|yet)\b))$", re.IGNORECASE)
# declarations in themselves (what a treaty covers needs a declaring verb besides)
_ANNOUNCE = re.compile(r"(?:announc|annonc|anunci|verkündet|bekanntgegeben|gaben|объяви|reaffirm|"
                       r"réaffirm|reafirm|bekräftig|вновь подтверд|issu|agre|adopt|releas|unveil|"
                       r"approv|publi|convenu|acord|aprob|emit|neue|gemeinsame|reiterat|réitér|"
                       r"reiter|erneut|nochmals)", re.IGNORECASE)
# what a treaty is declared to cover is a place: a name ("the Senkaku Islands", "the South China
# Sea") or a word for territory, waters or forces
_PLACE_COVERED = re.compile(r"(?<![.!?]\s)\b[A-ZÀ-ÞА-ЯЁ][\w'’-]+|(?i:\b(?:islands?|isles|sea|"
                            r"waters|territor\w*|r[ée]gi[oó]n|vessels|ships|forces|troops|îles?|"
                            r"mer|eaux|navires|islas?|mar|aguas|buques|inseln?|meer|gewässer|gebiet\w*|"
                            r"schiffe|остров\w*|мор\w*|вод\w*|территори\w*|суд\w*)\b)")
_DECLARING_VERB = re.compile(r"(?<!\w)" + lexicon.DECLARING_VERB + r"(?!\w)", re.IGNORECASE)
_PLACE_BEFORE = re.compile(r"(?<!\w)(?:in|at|à|en|im|в|во)\s+$", re.IGNORECASE)
_WITH_STATE = re.compile(r"(?<!\w)(?:with|mit|avec|con|с|со)\s+(?:the\s+|la\s+|l['’]|el\s+|"
                         r"dem\s+|der\s+)?$", re.IGNORECASE)
# a stance verb governing the event noun: "welcomed the accession of Finland", "celebró la
# adhesión de Suecia", "congratulated Finland on its accession": whoever welcomes reacts; the
# acting state is the one after the verb
_STANCE_GAP = re.compile(r"\W+(?:[\w'’-]+\W+){0,5}")
# the acting state after the event noun: "the accession of Finland", "l'adhésion de la Suède",
# "den Beitritt Schwedens", "вступление Финляндии"
_OF_STATE = re.compile(r"\s+(?:(?:of|de|del|des|du)\s+(?:the\s+|la\s+|l['’]|el\s+)?|d['’])?",
                       re.IGNORECASE)
# "at Turkey's request", "por iniciativa de Colombia": a request named by its requester, which is
# a consultation request only in a sentence about consultations
_AT_REQUEST = re.compile(r"(?i)(?:request|initiative|demande|requête|petición|solicitud|pedido|"
                         r"iniciativa|instancias|antrag|bitten|wunsch|ersuchen|просьбе|запросу|"
                         r"инициативе)\b|\b(?:of|de|du|d|von|des|der)$")
# "Although Niger has not ..., the withdrawal": a concessive clause's subject is not the main one's
_CONCESSIVE = re.compile(r"(?i)\b(?:although|though|even though|even if|while|bien que|quoique|"
                         r"même si|aunque|si bien|obwohl|obgleich|auch wenn|хотя)\b[^,;.]{0,200},")
# "mirrors similar agreements Japan has with Australia": states compared with, not parties
_COMPARED = re.compile(r"(?i)\b(?:similar|comparable|other|such)\s+(?:\w+\s+)?(?:agreements?|"
                       r"treaties|treaty|pacts?|deals?|arrangements?|accords?)\b|\b(?:accords?|traités?)\s+"
                       r"(?:similaires|comparables)\b|\b(?:acuerdos|tratados)\s+similares\b|"
                       r"\b(?:acuerdos?|tratados?)\s+(?:similar(?:es)?|parecidos?)\b|"
                       r"\b(?:accords?|traités?)\s+(?:similaire|comparable|analogue)s?\b|"
                       r"\b(?:ähnliche|entsprechende|vergleichbare)\w*\s+(?:[\w-]+\s+)?(?:[\w-]*abkommen|"
                       r"[\w-]*verträge|[\w-]*vertrag)\b|\bаналогичн\w+\s+(?:соглашени|договор)\w*")
# "signed ... as Russian drones target Kyiv", "alors que la Turquie ...": a subordinate clause
# after the trigger sets the scene; the states it names did not sign
_PREDICATE = re.compile(r"(?i)\b(?:is|are|was|were|remains?|est|sont|était|étaient|es|son|fue|"
                        r"fueron|era|eran|ist|sind|war|waren|является|являются|было|были)\s+"
                        r"(?:[\w-]+\s+){0,3}?[\"“„«‘']?$")
_SUBORDINATE = re.compile(r"(?i)(?:\s|,\s*)(?:as(?!\s+(?:well|part|such|if|of|a|an|the\s+first|"
                          r"soon|long|much|many|far|to|for|\d))|while|whereas|alors\s+qu['’e]|"
                          r"tandis\s+qu['’e]|pendant\s+qu['’e]|mientras(?:\s+que)?|en\s+tanto\s+que|"
                          r"während|wohingegen|в\s+то\s+время\s+как|пока)\s")
# "if Norway and the US sign", "si la Suède signe", "wenn ... unterzeichnen", "если ... подпишут":
# a condition, no event ("même si", "aun si": concessive, the event happened)
_CONDITION = re.compile(r"(?i)(?:\b(?<!even )(?:if|unless|wenn|falls|sofern)|(?<!même )(?<!aun )"
                        r"(?<!incluso )\bsi|\bесли)\b"
                        r"(?:[^,;.:]|[.,](?=\S)|,(?=\s+[A-ZÀ-ÞА-ЯЁ])){0,80}$")
# "Estonia would invoke Article 4": a likelihood, not a request made
_MODAL = re.compile(r"(?i)\b(?:would|could|might|may|pourrait|podría|könnte|могла?\s+бы)\s+"
                    r"(?:\w+\s+)?$")
# "exchanged diplomatic notes for the entry into force": the entry into force is on the day the
# text gives it, not the day of the exchange
_SIMILAR_BILL = re.compile(lexicon.SIMILAR_BILL, re.IGNORECASE)
_FOR_EIF = re.compile(r"(?i)\b(?:notes?|instruments?|notas|instrumentos|noten|urkunden|нот\w*)\s+"
                      r"(?:[\w-]+\s+){0,3}?(?:for|pour|para|für|о|об)\s+(?:the\s+|l['’]|la\s+|el\s+|"
                      r"das\s+)?$")
# "den Beitritt zur Nato beantragt", "requested membership": an application, no accession
# a contract to buy arms is no defence treaty: "withdrew from a $66 billion deal to buy
# submarines", "a signé un contrat d'achat", "firmó un contrato de compra", "Kaufvertrag"
_PURCHASE = re.compile(r"(?i)\W*(?:from\s+|de\s+|du\s+|aus\s+|из\s+)?(?:[\w$€£.,-]+\s+){0,5}?"
                       r"(?:deal|contract|contrat|contrato|vertrag|kontrakt|контракт\w*|сделк\w*)\s+"
                       r"(?:to\s+(?:buy|purchase|acquire)|for\s+the\s+(?:purchase|sale)|d['’]achat|"
                       r"pour\s+(?:acheter|l['’]achat)|(?:de|para\s+la)\s+compra|zum\s+kauf|"
                       r"на\s+(?:покупку|закупку|поставку))")
# "submitted for ratification", "soumis pour ratification", "para su ratificación", "zur
# Ratifizierung", "на ратификацию": ratification is what the text is sent for (not "voted for")
_SUBMITTED_FOR = re.compile(r"(?i)(?:(?<!vote )(?<!voted )(?<!votes )\bfor|\bpour|"
                            r"\bpara\s+(?:su\s+)?|\bzur|\bна)\s*$")
_APPLIED_AFTER = re.compile(r"(?i)[^.;,]{0,40}?\b(?:beantragt\w*|beantragen)\b")
# "signé à Riyad", "en Doha": a capital after a locative preposition is the place, not a party
_LOCATIVE = re.compile(r"(?i)\W*\b(?:in|en|à|a|at|im|в|во)\s+$")
# a state word inside a prepositional phrase ("for a State Department ceremony", "pour une
# cérémonie française", "para una ceremonia", "für eine deutsche Zeremonie"): it modifies a noun
_GOVERNED_NOUN = re.compile(r"(?i)\b(?:for|to|at|against|over|about|pour|para|für|bei)\s+"
                            r"(?:a|an|une|un|una|eine[mnr]?)\s+$")
# "the joint statement from the US, UK and Australia", "l'accord signé par", "el pacto de": the
# authors or parties of a document a stance is about, not the ones who react to it
_AUTHORS = re.compile(r"(?i)\b(?:statement|declaration|communiqu[ée]|agreement|treaty|pact|deal|"
                      r"déclaration|accord|traité|pacte|declaración|comunicado|acuerdo|tratado|"
                      r"pacto|erklärung|abkommen|vertrag|pakt|заявлени\w*|соглашени\w*|договор\w*)"
                      r"\s+(?:signed\s+|signé\w*\s+|firmad\w+\s+)?(?:from|by|par|de|del|des|du|"
                      r"por|von|der|des)\s+(?:the\s+|la\s+|l['’]|el\s+|los\s+)?$")
# "the three leaders", "les deux pays", "die beiden Staatschefs": a subject that counts the states
_NUMBERS = {"two": 2, "both": 2, "deux": 2, "dos": 2, "beid": 2, "zwei": 2, "два": 2, "двух": 2,
            "ambo": 2, "amba": 2, "обе": 2, "обеи": 2, "обои": 2,
            "thre": 3, "troi": 3, "tres": 3, "drei": 3, "три": 3, "трех": 3, "трёх": 3,
            "four": 4, "quat": 4, "cuat": 4, "vier": 4, "четы": 4}
_COUNTED = re.compile(r"(?i)\b(?:the|les|los|las|die|ces|these)\s+(two|both|three|four|deux|trois|"
                      r"quatre|dos|tres|cuatro|beiden|zwei|drei|vier)\s+(?:[\w-]+\s+)?(?:leaders?|"
                      r"countries|states|nations|presidents|heads|governments|dirigeants|pays|"
                      r"[ée]tats|présidents|chefs|gouvernements|líderes|países|estados|presidentes|"
                      r"mandatarios|jefes|gobiernos|staaten|länder|staatschefs|präsidenten|"
                      r"regierungen)\b[^.;:]{0,60}$|\b(два|двух|три|трех|трёх|четыре)\s+"
                      r"(?:\w+\s+)?(?:лидер|стран|президент|государств)\w*[^.;:]{0,60}$")
# "firmado ... por los gobiernos de ambos países", "signed by both countries": the passive agent
# counts the states
# also a counted possessor: "ein unterzeichnetes Abkommen der drei Balkanstaaten", "the pact of
# the three Baltic states", "l'accord des trois pays"
_COUNTED_AGENT = re.compile(r"(?i)\W*(?:[\w-]+\W+){0,6}?(?:by|par|por|von|durch|of\s+the|der|des|"
                            r"de\s+los|de\s+las)\s+"
                            r"(?:[\w-]+\s+){0,3}?(?:(?:the|les|los|las|die|ces|these)\s+)?(both|two|three|ambos|ambas|deux|"
                            r"trois|tres|beiden|zwei|drei|dos)\s+(?:[\w-]+\s+)?[\w-]*?(?:countries|states|governments|nations|pays|"
                            r"[ée]tats|gouvernements|países|estados|gobiernos|naciones|länder[n]?|staaten|"
                            r"regierungen)\b")
_CONSULT = re.compile(r"(?i)\b(?:consult\w*|konsult\w*|консультац\w*)")
_REQUESTER_AFTER = re.compile(r"(?i)\b(?:of|de|du|von|des|der|просьбе|запросу|инициативе)$")
# a lowercase state adjective right after a noun modifies it ("drones russes", "misiles rusos");
# it names no actor (an article or preposition before it is no noun: "die ungarische Regierung")
_POSTPOSED = re.compile(r"(?<![\w'’])(?!(?:les|des|une|der|die|das|den|dem|des|ein|eine|einen|"
                        r"los|las|del|con|por|para|una|sur|avec|dans|pour|par|aux|mit|von|für|"
                        r"und|and|the|with|from|для|при|président\w*|ministre|premier|"
                        r"gouvernement|parlement|chef|dirigeants?|ministère|diplomatie|armée|"
                        r"presidente|ministro|gobierno|parlamento|jefe|canciller|ministerio|"
                        r"diplomacia|ejército|porte-parole|portavoz|"
                        # a possessive or demonstrative is no noun: "sein deutscher Kollege"
                        r"sein\w*|ihr\w*|unser\w*|dies\w*|kein\w*|einem|einer|eines|son|sa|ses|"
                        r"leurs?|notre|nos|su|sus|nuestr\w*|est[ae]s?|his|her|its|their)\s)"
                        r"[a-zàâçéèêëîïôûùüÿñæœáíóúß]{3,}\s+$")


@dataclass
class EventMention:
    type: str
    ref: TreatyRef | None
    parties: list[str]
    date: date | None
    sentence: Sentence
    trigger_start: int
    has_year: set[int] = field(default_factory=set)
    count: int = 1
    mention: TreatyMention | None = None
    counterparts: set[str] = field(default_factory=set)


@dataclass
class Context:
    text: str
    sentences: list[Sentence]
    actors: list[Mention]
    dates: list[DateMention]
    treaties: list[TreatyMention]
    index: RegistryIndex
    article_date: date | None
    counterparties: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._a = [m.start for m in self.actors]
        self._d = [d.start for d in self.dates]
        self._t = [t.start for t in self.treaties]

    def actors_in(self, a: int, b: int) -> list[Mention]:
        lo, hi = bisect.bisect_left(self._a, a), bisect.bisect_left(self._a, b)
        return [m for m in self.actors[lo:hi] if m.end <= b]

    def dates_in(self, a: int, b: int) -> list[DateMention]:
        lo, hi = bisect.bisect_left(self._d, a), bisect.bisect_left(self._d, b)
        return [d for d in self.dates[lo:hi] if d.end <= b]

    def treaties_in(self, a: int, b: int) -> list[TreatyMention]:
        lo, hi = bisect.bisect_left(self._t, a), bisect.bisect_left(self._t, b)
        return self.treaties[lo:hi]


def _clause_bounds(ctx: Context, s: Sentence, pos: int) -> tuple[int, int]:
    start, end = s.start, s.end
    for m in _CLAUSE.finditer(ctx.text, s.start, s.end):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


def _reaction_targets(ctx: Context, s: Sentence) -> set[tuple[int, int]]:
    """Spans of actors that are the source of a stance cue ("grumblings in Beijing")."""
    out = set()
    for _, rx in _STANCES:
        for m in rx.finditer(ctx.text, s.start, s.end):
            for a in ctx.actors_in(m.end(), min(s.end, m.end() + 40)):
                if _AFTER_CUE.match(ctx.text[m.end(): a.start]):
                    out.add((a.start, a.end))
                break
    return out


def find_events(ctx: Context) -> list[EventMention]:
    found: list[EventMention] = []
    for s in ctx.sentences:
        raw = _triggers(ctx, s)
        if not raw:
            continue
        law = any(t == "signing" and _LAW_AFTER.match(ctx.text[e: e + 40]) for t, _, e in raw)
        tms = ctx.treaties_in(s.start, s.end) or _alliance_refs(ctx, s)
        targets = _reaction_targets(ctx, s)
        reactors: set[str] | None = None
        objects = {i + 1 for i in range(len(raw) - 1)
                   if _OBJECT_GAP.fullmatch(ctx.text, raw[i][2], raw[i + 1][1])
                   and _EVENT_NOUN.search(ctx.text, raw[i + 1][1], raw[i + 1][2])}
        # German object before its verb: "den Beitritt ratifiziert", "den Beitritt Schwedens zur
        # Nato zugestimmt"
        objects |= {i for i in range(len(raw) - 1)
                    if re.fullmatch(r"\s+(?:[\w-]+\s+){0,6}", ctx.text[raw[i][2]: raw[i + 1][1]])
                    and _EVENT_NOUN.search(ctx.text, raw[i][1], raw[i][2])
                    and re.search(r"(?i)(?:iert|t|en)$", ctx.text[raw[i + 1][1]: raw[i + 1][2]])
                    and ctx.text[raw[i][1]: raw[i][1] + 1].isupper()}
        for k, (etype, a, b) in enumerate(raw):
            before = ctx.text[max(s.start, a - 40): a]
            if _NEG.search(before) or _WHAT_WOULD.search(before):
                continue
            if _OBLIGATION.search(ctx.text, max(s.start, a - 50), a):
                continue  # "обязательств по ускоренной ратификации", "its commitment to ratify":
                # what is owed, not what was done
            if _CONDITION.search(ctx.text, max(s.start, a - 100), a):
                continue  # "Russia will respond if Norway and the US sign ...": a condition
            if etype in ("invocation", "consultation_request") and _MODAL.search(
                    ctx.text, max(s.start, a - 30), a):
                continue  # "it was likely that Estonia would invoke Article 4"
            if etype == "ratification" and _SUBMITTED_FOR.search(ctx.text, max(s.start, a - 30),
                                                                 a):
                continue  # "представить ... на ратификацию", "submitted for ratification"
            if etype == "ratification" and _TERMINATION_AFTER.match(ctx.text, b, s.end):
                etype = "withdrawal"  # "одобрил расторжение соглашений", "approved the
                # termination of the agreement": the approval ends the treaty
            if etype == "accession" and _APPLIED_AFTER.match(ctx.text, b, min(s.end, b + 60)):
                continue  # "hat den Beitritt zur Nato beantragt": applied for
            if k in objects:
                continue  # "ratified Sweden's accession": the accession is what was ratified
            if etype in ("accession", "withdrawal", "signing") and _NOT_YET.search(
                    ctx.text, max(s.start, a - 40), a):
                continue
            if etype == "signing" and _SIGN_NOUN.search(ctx.text, max(s.start, a - 30), b):
                continue  # "the clearest sign yet", "signs of": the noun
            if etype == "signing" and (_NON_TREATY.match(ctx.text[b: b + 50])
                                       or _INSTEAD.search(s.text)
                                       or _UNREALISED.search(ctx.text, max(s.start, a - 80), a)):
                continue  # "inked a joint communique with a view to signing the treaty",
                # "when it came to the signing ceremony, they instead ...", "expected to have the
                # deal signed"
            if etype == "ratification" and re.search(
                    r"(?i)\b(?:cabinet|gabinete|conseil des ministres|kabinett|кабинет\w*|"
                    r"кабмин\w*|правительств\w*)\W+"
                    r"(?:\w+\W+){0,2}$", ctx.text[max(s.start, a - 40): a]):
                continue  # a cabinet approving a pact before signature does not ratify it
            if etype == "signing" and (_ANNIV.search(ctx.text[max(0, a - 40): a])
                                       or _LAW_AFTER.match(ctx.text[b: b + 40])):
                continue
            if etype == "entry_into_force" and law:
                continue
            if etype == "signing" and _LAW_SIGNED.search(ctx.text, max(s.start, a - 60), b):
                continue  # "mediante un decreto publicado el viernes y firmado por el primer
                # ministro", "the decree, signed by": the law's signing, not a treaty's
            if etype == "entry_into_force" and _LAW_SUBJECT.search(ctx.text, max(s.start, a - 40),
                                                                   a):
                continue  # "The bill comes into force on the day of its publication": the law's
            if etype == "entry_into_force" and _ONCE_RATIFIED.match(ctx.text, b) and (
                    _FUTURE_EIF.search(ctx.text, max(s.start, a - 20), b)):
                continue  # "entrará en vigor tras su ratificación": a condition, not an event
            if etype in ("signing", "withdrawal") and _PURCHASE.match(ctx.text, b, min(s.end,
                                                                                b + 120)):
                continue  # "withdrew from a $66 billion deal to buy submarines": a purchase
            if etype == "withdrawal" and _TROOPS_AFTER.match(ctx.text[b: b + 60]):
                continue  # "the withdrawal of French troops"
            if etype in ("ratification", "signing") and (
                    _EXCHANGE.search(ctx.text[max(s.start, a - 40): a])
                    or _EXCHANGE.search(ctx.text[b: b + 40])):
                continue  # "exchanged the instruments of ratification", "signed the protocol
                # on the exchange": the entry into force
            # "Armenia will leave the CSTO", "Malí abandonará la Cedeao": an intention to sign
            # or to leave is a statement of the states that would act
            intended = etype if etype in ("signing", "withdrawal") and (
                _INTENT.search(ctx.text, max(s.start, a - 70), a)
                or _FUTURE.match(ctx.text, a)) else None
            if intended and _PASSIVE_FUTURE.search(ctx.text, max(s.start, a - 30), a) and \
                    _PARTICIPLE.search(ctx.text, a, b):
                continue  # "a similar treaty will be concluded with Iran": a forecast, no one's
                # declared intention
            if intended:
                etype = "statement"
            declaring = etype == "statement" and not intended and _DECLARING.match(ctx.text, a, b)
            if declaring and (any(t != "statement" for t, _, _ in raw) or (
                    not _ANNOUNCE.match(ctx.text, a, b) and (
                        not _DECLARING_VERB.search(s.text)
                        or not _PLACE_COVERED.search(ctx.text, b, min(s.end, b + 80))))):
                continue  # "announced they had signed": the signing; "covers" said by nobody,
                # or of no place ("the treaty covers mutual assistance": a description)
            if declaring and not tms:
                art = _ARTICLE_N.search(s.text)  # "Article 5 applies to the islands"
                if art:
                    tms = [TreatyMention(s.start + art.start(), s.start + art.end(), art.group(),
                                         False)]
            if etype == "statement" and not tms:
                continue
            if (etype == "consultation_request" and _AT_REQUEST.search(ctx.text, a, b)
                    and not _CONSULT.search(s.text)):
                continue  # "at Turkey's request" names a consultation request only beside one
            nominal = _NOMINAL.search(ctx.text[max(s.start, a - 30): a]) or _PARTICIPATION.match(
                ctx.text, b, s.end)
            if not tms and etype in ("invocation", "consultation_request") \
                    and _ARTICLE_N.search(s.text):
                tms = _earlier_treaty(ctx, s)  # "Article IV was invoked by Poland in 2014"
            if not tms and etype == "ratification" and _SIMILAR_BILL.match(ctx.text, a, b):
                tms = _earlier_treaty(ctx, s)  # "approved a similar bill": the treaty just told
            if not tms and etype in ("signing", "ratification", "withdrawal", "suspension"):
                tms = _pronoun_treaty(ctx, s, a, b)  # "... have signed it": the one named before
            if not tms and not nominal and k + 1 not in objects and k - 1 not in objects:
                continue
            ref, tm = _nearest_ref(tms, a)
            compared = _COMPARED.search(ctx.text, s.start, s.end)
            if tm is not None and compared and compared.start() <= tm.start < compared.end():
                continue  # "signed similar agreements with others": other treaties' events
            if etype == "invocation" and _consultation_article(ctx, s, ref):
                etype = "consultation_request"
            if reactors is None:
                reactors = {actor for _, c0, c1 in _cues(ctx, s)
                            for actor in _actors_for(ctx, s, c0, c1, None)}
            parties = _declarers(ctx, s, a, tms, targets, reactors) if declaring else \
                _parties(ctx, s, intended or etype, a, b, tms, targets, reactors)
            when, years = _date_for(ctx, s, a, [t[1] for j, t in enumerate(raw) if t[1] != a
                                                and j not in objects and not (
                t[0] == "signing" and _LAW_AFTER.match(ctx.text[t[2]: t[2] + 40]))],
                [(t[1], t[2]) for t in raw if t[1] != a])
            if etype == "statement" and when is not None and any(
                    0 <= a - ce <= 40 for _, _, ce in _cues(ctx, s)) and not any(
                    b <= d.start <= b + 25 for d in ctx.dates_in(s.start, s.end)):
                when = None  # "slammed a new pact announced between ... at a press conference
                # on Thursday": the day of the criticism; the announcement it governs is undated
            if etype == "entry_into_force" and _FOR_EIF.search(ctx.text, max(s.start, a - 60), a):
                when = None  # "exchanged notes for the entry into force": not that day's
            if intended:
                # the date of the declaration ("told parliament on Wednesday"), not of the act
                # intended ("will sign a treaty on Friday")
                said = _REPORT.search(s.text) or _DECLARING_VERB.search(s.text)
                when = _date_for(ctx, s, s.start + said.start())[0] if said else None
            _note_counterparties(ctx, s, tms)
            for group in _each_with(ctx, s, etype, b, parties):
                em = EventMention(etype, ref, group, when, s, a, years, mention=tm)
                em.counterparts = _counterparts(ctx, s, tm)
                found.append(em)
    return found


# "signed bilateral defence agreements with the United States", "firmaron acuerdos ... con": a
# plural treaty noun after the trigger, then the partner
_EACH_WITH = re.compile(
    r"(?i)\s+(?:[\w'’-]+\s+){0,4}?(?:agreements|deals|accords|pacts|treaties|arrangements|"
    r"acuerdos|tratados|pactos|convenios|traités|conventions|abkommen|verträge|vereinbarungen|"
    r"соглашения|договоры)(?:\s+[\w'’-]+){0,4}?\s+(?:with|con|avec|mit|с|со)\s+"
    r"(?:the\s+|el\s+|la\s+|l['’]|les\s+|den\s+|der\s+|dem\s+)?")


def _each_with(ctx: Context, s: Sentence, etype: str, b: int,
               parties: list[str]) -> list[list[str]]:
    """ "Estonia and Lithuania signed bilateral agreements with the United States": each
    state of the subject signed its own agreement with the partner, so one signing per pair
    rather than one signing of all three (or of the two subjects alone)."""
    if etype != "signing" or len(parties) < 2:
        return [parties]
    m = _EACH_WITH.match(ctx.text, b, s.end)
    partner = [x for x in ctx.actors_in(b, s.end) if m and x.start == m.end() and not x.is_org]
    if not partner or partner[0].actor in parties:
        return [parties]
    return [[p, partner[0].actor] for p in parties]


def _triggers(ctx: Context, s: Sentence) -> list[tuple[str, int, int]]:
    hits: list[tuple[str, int, int]] = []
    for etype, rx in _TRIGGERS:
        for m in rx.finditer(ctx.text, s.start, s.end):
            if any(not (m.end() <= a or m.start() >= b) for _, a, b in hits):
                continue
            hits.append((etype, m.start(), m.end()))
    hits.sort(key=lambda h: h[1])
    return hits[:_PER_SENTENCE]


def _nearest_ref(tms: list[TreatyMention],
                 pos: int) -> tuple[TreatyRef | None, TreatyMention | None]:
    best, best_d = None, None
    for tm in tms:
        d = tm.start - pos if tm.start >= pos else pos - tm.end
        d = d + (0 if tm.named else 25) + (0 if tm.start >= pos else 10)
        if best_d is None or d < best_d:
            best, best_d = tm, d
    if best is None:
        return None, None
    if best.ref is None:
        return TreatyRef(key="", name=None), best  # generic: resolved later
    return best.ref, best


def _parties(ctx: Context, s: Sentence, etype: str, a: int, b: int,
             tms: list[TreatyMention], targets: set[tuple[int, int]],
             reactors: set[str]) -> list[str]:
    inside_treaty = [(t.start, t.end) for t in tms if t.named]
    compared = _COMPARED.search(ctx.text, s.start, s.end)
    states = [m for m in ctx.actors_in(s.start, s.end)
              if not m.is_org and (m.start, m.end) not in targets and not _in_dateline(ctx, s, m)
              and not (compared and m.start >= compared.start())
              and not (m.kind == "capital"
                       and _LOCATIVE.search(ctx.text[max(0, m.start - 6): m.start])
                       and not (b <= m.start and _LOCATIVE.fullmatch(ctx.text, b, m.start)))
              and not (m.kind == "adjective" and m.text[:1].islower()
                       and _POSTPOSED.search(ctx.text[max(0, m.start - 30): m.start]))]
    if not quote_open(ctx.text, s.start, a):
        # "“This accord shows that Russian aggression ...,” Kishida said after signing": what
        # a quotation names is the speaker's topic, not a party of the trigger outside it
        states = [m for m in states if not quote_open(ctx.text, s.start, m.start)]
    if etype in _UNILATERAL:
        c0, c1 = _clause_bounds(ctx, s, a)
        for r in _RELATIVE.finditer(ctx.text, s.start, a):
            if r.end() == c0:  # "X – dont ... – venait de": the subject stands before the insert
                c0 = _clause_bounds(ctx, s, r.start())[0]
        governing = [cb for _, ca, cb in _cues(ctx, s)
                     if c0 <= ca and _STANCE_GAP.fullmatch(ctx.text, cb, a)]
        if governing:
            c0 = governing[-1]  # the welcomer is no party: look after the stance verb
        inserts = [(r.start(), r.end()) for r in _RELATIVE.finditer(ctx.text, c0, a)]
        inserts += [(r.start(), r.end()) for r in _CONCESSIVE.finditer(ctx.text, c0, a)]
        cands = [m for m in ctx.actors_in(c0, a)
                 if (m.start, m.end) not in targets
                 # "Markovic was in Washington for a ceremony to mark the accession": the place
                 # "... for a State Department ceremony to mark the accession": a modifier of a
                 # noun governed by a preposition is no subject
                 and not _GOVERNED_NOUN.search(ctx.text[max(0, m.start - 20): m.start])
                 and not _GENITIVE_OF.search(ctx.text[max(0, m.start - 30): m.start])
                 and not (m.is_org and _INTO.search(ctx.text[max(0, m.start - 15): m.start]))
                 and not (m.is_org and etype == "accession"
                          and re.search(r"(?i)\b(?:der|dem)\s+$", ctx.text[max(0, m.start - 6):
                                                                       m.start]))
                 and not any(x <= m.start < y for x, y in inserts)
                 and not (m.is_org and _ASKED.search(ctx.text[max(0, m.start - 25): m.start]))
                 and not any(x <= m.start < y for x, y in inside_treaty)
                 and not _WITH_STATE.search(ctx.text[max(0, m.start - 12): m.start])
                 and not (m.kind == "adjective" and m.text[:1].islower()
                          and _POSTPOSED.search(ctx.text[max(0, m.start - 30): m.start]))]
        # "Markovic was in Washington for a ceremony to mark the accession": a capital after "in"
        # is the place, unless nothing else is named ("En Caracas, la Asamblea ... ratificó")
        placed = [m for m in cands if m.kind == "capital"
                  and _LOCATIVE.search(ctx.text[max(0, m.start - 6): m.start])]
        if len(placed) < len(cands):
            cands = [m for m in cands if m not in placed]
        requester = _requester_after(ctx, etype, a, b, c1)
        if requester:
            return [requester]
        possessors = _possessors_after(ctx, etype, a, b, c1)
        if possessors:
            return possessors
        # "ratified by Russia": the agent named after the trigger; it comes first when the
        # trigger is passive ("was ratified by Russia", "a été ratifié par la Russie"), not in
        # "Hungary ratified the protocol signed by Sweden"
        by = _BY_AGENT.match(ctx.text, b, c1)
        agent = [m.actor for m in ctx.actors_in(b, c1)
                 if by and m.start == by.end() and not m.is_org][:1]
        if agent and _PASSIVE.search(ctx.text, max(s.start, a - 30), a):
            return agent
        if etype in ("invocation", "consultation_request") and (not cands or cands[-1].is_org):
            # "NATO invoked Article 5 after the attacks on the United States": the attacked ally
            attacked = _attacked_state(ctx, s)
            if attacked:
                return [attacked]
        if not cands:
            # "Le CNSP, qui dirige le Niger depuis ..., a dénoncé": a ruling body named by the
            # state it rules
            ruled = _RULES_STATE.search(ctx.text, c0, a)
            if ruled:
                cands = [m for m in ctx.actors_in(ruled.end(), ruled.end() + 40)
                         if m.start <= ruled.end() + 4 and not m.is_org][:1]
        if cands:
            last = cands[-1]
            if last.is_org:
                return []
            # "Poland and Lithuania requested ...": every state of a coordinated subject
            group = [last]
            for m in reversed(cands[:-1]):
                # "Les gouvernements du Burkina Faso et du Niger ont annoncé leur retrait"
                if m.is_org or not (_COORD.fullmatch(ctx.text, m.end, group[0].start)
                                    or _OF_COORD.fullmatch(ctx.text, m.end, group[0].start)):
                    break
                group.insert(0, m)
            # "... decided to trigger consultations together with Latvia, Lithuania, Poland"
            tw = _TOGETHER.search(ctx.text, b, c1)
            if tw:
                more = [m for m in ctx.actors_in(tw.end(), c1) if not m.is_org]
                chain = []
                for m in more:
                    if chain and not _COORD.fullmatch(ctx.text, chain[-1].end, m.start):
                        break
                    if not chain and m.start != tw.end():
                        break
                    chain.append(m)
                group += chain
            return list(dict.fromkeys(m.actor for m in group))
        if governing and _state_after(ctx, b, c1):
            return [_state_after(ctx, b, c1)]
        if agent:
            return agent
        inverted = _inverted_subject(ctx, b, c1)
        if inverted:
            return [inverted]
        if _GENERIC_SUBJECT.search(ctx.text, c0, a):
            # the state that opens one of the three sentences before ("Le Burkina Faso a ...")
            i = ctx.sentences.index(s)
            for prev in reversed(ctx.sentences[max(0, i - 3): i]):
                first = [m for m in ctx.actors_in(prev.start, min(prev.end, prev.start + 40))
                         if not m.is_org and re.fullmatch(
                             r"\W*(?:(?:the|le|la|l['’]|el|die|der|das)\s*)?",
                             ctx.text[prev.start: m.start], re.IGNORECASE)]
                if first:
                    return [first[0].actor]
        return []
    between = _between(ctx, s, a, b) if etype == "signing" else []
    if between:
        return between
    members = _members_as_one(ctx, s, a)
    if members:
        return members
    counted = _counted_subject(ctx, s, a, b)
    if counted:
        return counted
    signers = _signers_after(ctx, s, b) or _named_in_object(ctx, s, b, tms)
    if signers:
        return signers
    sub = _SUBORDINATE.search(ctx.text, b, s.end)
    if sub:  # "signed ... as Russian drones target Kyiv": the scene, not the signatories
        states = [m for m in states if m.start < sub.start()]
    absolute = _ABSOLUTE.search(ctx.text, b, s.end)
    if absolute:
        states = [m for m in states if m.start < absolute.start()]
    rel = _RELATIVE_AFTER.search(ctx.text, b, s.end)
    if rel:  # "signé un traité avec ..., dans lequel Tbilissi dit voir": the treaty's critics or
        # what it says, not its signatories
        states = [m for m in states if m.start < rel.start()]
    said = _SAID_THAT.search(ctx.text, b, s.end)
    if said:  # "at the signing ceremony, Dendias stated that Turkey was threatening Greece":
        # what is reported is no signatory (the speaker's state before it may be)
        states = [m for m in states if m.start < said.start()]
    # "Saudi Arabia and Pakistan on Wednesday signed ...": a coordinated subject of two or more
    # states right before the trigger names the signatories; other states in the sentence
    # ("after the strike on Qatar", "like the treaties signed with Germany") are not
    c0, _ = _clause_bounds(ctx, s, a)
    before = [m for m in ctx.actors_in(c0, a) if (m.start, m.end) not in targets
              and not any(x <= m.start < y for x, y in inside_treaty)]
    if before and not before[-1].is_org and re.fullmatch(
            r"[^.;:,]{0,40}", ctx.text[before[-1].end: a]):
        group = [before[-1]]
        for m in reversed(before[:-1]):
            if m.is_org or not (_COORD.fullmatch(ctx.text, m.end, group[0].start) or _TITLED_COORD
                                .fullmatch(ctx.text, m.end, group[0].start) or (
                    m.actor == group[0].actor and _TITLE_GAP.fullmatch(ctx.text, m.end,
                                                                       group[0].start))):
                break
            group.insert(0, m)
        # the subject signs even when a stance word of its sentence names it ("X and Y signed
        # ..., formalizing X's support for Y"): its own stance, not a third party's
        subj = list(dict.fromkeys(m.actor for m in group))
        if len(subj) >= 2:
            return subj
    seen: dict[str, None] = {}
    for m in states:
        if m.actor not in reactors:
            seen.setdefault(m.actor)
    out = [c for c in seen if c != "SUN" or len(seen) > 1]
    if etype == "signing" and len(out) == 1:
        return _pair_nearby(ctx, s, out[0]) or out
    return out


_MEMBERS = (r"(?:nations|allies|members|member\s+states|member\s+countries|countries|states|"
            r"alliés|aliados|pays(?:\s+membres)?|países(?:\s+miembros)?|[EÉeé]tats\s+membres|"
            r"estados\s+miembros|staaten|verbündeten|mitgliedstaaten|mitglieder|союзник\w*|"
            r"стран\w*|государств\w*)")
_MEMBERS_AFTER = re.compile(r"(?i)[\s-]+" + _MEMBERS + r"\b")
_MEMBERS_BEFORE = re.compile(r"(?i)\b" + _MEMBERS + r"\s+(?:of|de|der|des|du)\s+"
                             r"(?:the\s+|la\s+|l['’]|le\s+)?$")


def _members_as_one(ctx: Context, s: Sentence, a: int) -> list[str]:
    """ "NATO nations sign accession protocols", "les alliés de l'Otan ont signé": an
    organisation's members acting together, as the subject of the trigger, sign as the
    organisation (the labels' convention), not as the states named elsewhere in the sentence."""
    c0, _ = _clause_bounds(ctx, s, a)
    for m in reversed(ctx.actors_in(c0, a)):
        if not m.is_org:
            return []
        after = _MEMBERS_AFTER.match(ctx.text, m.end, a)
        if after and re.fullmatch(r"[^.;:,]{0,30}", ctx.text[after.end(): a]):
            return [m.actor]
        if _MEMBERS_BEFORE.search(ctx.text, max(c0, m.start - 40), m.start) and re.fullmatch(
                r"[^.;:,]{0,30}", ctx.text[m.end: a]):
            return [m.actor]
        return []
    return []


_BETWEEN_AFTER = re.compile(r"(?i)\s+(?:[\w'’-]+\s+){0,3}?(?:between|entre|zwischen|между)\s+")
_TREATY_BETWEEN = re.compile(
    r"(?i)\b(?:agreement|treaty|pact|accord|deal|memorandum|acuerdo|tratado|pacto|convenio|traité|"
    r"abkommen|vertrag|vereinbarung|соглашени\w*|договор\w*)\s+(?:[\w'’-]+\s+){0,3}?"
    r"(?:between|entre|zwischen|между)\s+")
_PAIR_GAP = re.compile(r"(?i)[^,;:.()]{0,45}?\b(?:and|y|et|und|и)\s+[^,;:.()]{0,45}")


def _between(ctx: Context, s: Sentence, a: int, b: int) -> list[str]:
    """ "the LEMOA signed between India and the US", "el Acuerdo entre el Gobierno de la URSS y
    el Gobierno de Canadá ..., firmado en Moscú": the two states the agreement is between are
    its signatories, not the other states of the sentence (a speaker, other agreements listed)."""
    at = _BETWEEN_AFTER.match(ctx.text, b, s.end)
    if at is None:
        before = list(_TREATY_BETWEEN.finditer(ctx.text, max(s.start, a - 250), a))
        at = before[-1] if before else None
    if at is None:
        return []
    ms = [m for m in ctx.actors_in(at.end(), min(s.end, at.end() + 150)) if not m.is_org]
    if len(ms) < 2 or not re.fullmatch(r"[^,;:.()]{0,45}", ctx.text[at.end(): ms[0].start]) \
            or not _PAIR_GAP.fullmatch(ctx.text, ms[0].end, ms[1].start):
        return []
    pair = list(dict.fromkeys((ms[0].actor, ms[1].actor)))
    return pair if len(pair) == 2 else []


def _pair_nearby(ctx: Context, s: Sentence, state: str) -> list[str]:
    """A signing names two signatories: when its sentence names one ("Merkel und Macron
    besiegeln Vertrag", a leader missing from the data), the states coordinated with it in the
    sentence after or before ("Deutschland und Frankreich ...") complete it."""
    i = ctx.sentences.index(s)
    for near in (ctx.sentences[i + 1: i + 2] + ctx.sentences[max(0, i - 1): i]):
        ms = [m for m in ctx.actors_in(near.start, near.end) if not m.is_org]
        for k in range(len(ms) - 1):
            link = _COORD.fullmatch(ctx.text, ms[k].end, ms[k + 1].start)
            if link and link.group().strip(" ,").strip() and state in (ms[k].actor,
                                                                       ms[k + 1].actor):
                pair = list(dict.fromkeys((ms[k].actor, ms[k + 1].actor)))
                if len(pair) == 2:
                    return pair
    return []


# whom an alliance's mutual-defence article is invoked for: the state attacked, or the one asking
_ATTACKED = re.compile(
    r"(?:\battack(?:s|ed)?|\battaques?|\bataques?|angriff\w*|anschl[äa]g\w*|нападени\w*|атак\w*|"
    r"удар\w*)\s+(?:[\w-]+\s+){0,2}?(?:on|against|upon|contre|sur|visant|contra|auf|gegen|на)\s+"
    r"(?:the\s+|les?\s+|la\s+|l['’]|los\s+|las\s+|el\s+|die\s+|den\s+|das\s+)?$|"
    r"(?:\bat the request of|\bà la demande d(?:e|u|es)|\ba (?:petición|solicitud|pedido) de|"
    r"\bauf (?:antrag|bitte|ersuchen)|\bпо (?:просьбе|запросу))\s+(?:the\s+|la\s+|l['’]|los\s+)?$",
    re.IGNORECASE)


_REQUEST_OF = re.compile(r"['’]s?\s+(?:request|demand|behest)\b", re.IGNORECASE)


def _attacked_state(ctx: Context, s: Sentence) -> str | None:
    """The state after "the attacks on", "à la demande de" in the sentence."""
    for m in ctx.actors_in(s.start, s.end):
        if not m.is_org and (_ATTACKED.search(ctx.text, max(s.start, m.start - 60), m.start)
                             or _REQUEST_OF.match(ctx.text, m.end)):
            return m.actor
    return None


def _declarers(ctx: Context, s: Sentence, a: int, tms: list[TreatyMention],
               targets: set[tuple[int, int]], reactors: set[str]) -> list[str]:
    """Who declares what a treaty covers, or a new pact: the states named before the trigger,
    not those governed by a preposition ("its treaty with Japan applies to ...") nor inside a
    treaty's name; what comes after the trigger is what the treaty covers."""
    inside_treaty = [(t.start, t.end) for t in tms if t.named]
    # "Malacañang's announcement of new sites": the possessor alone declares
    own = [m for m in ctx.actors_in(max(s.start, a - 40), a) if not m.is_org
           and re.fullmatch(r"['’]s?\s+", ctx.text[m.end: a])]
    if own:
        return [own[-1].actor]
    # "China slams U.S. as the Philippines announces ...": the declarers are in the trigger's
    # own clause, after a subordinating conjunction
    start = s.start
    for sub in _SUBORDINATE.finditer(ctx.text, s.start, a):
        start = sub.end()
    out: dict[str, None] = {}
    for m in ctx.actors_in(start, a):
        if m.is_org or (m.start, m.end) in targets or m.actor in reactors or any(
                x <= m.start < y for x, y in inside_treaty):
            continue
        if _PREP_BEFORE.search(ctx.text[max(0, m.start - 15): m.start]) and not \
                _TITLE_OF.search(ctx.text[max(0, m.start - 40): m.start]):
            continue
        out.setdefault(m.actor)
    return list(out)


_SAID_THAT = re.compile(r"(?<!\w)" + lexicon.REPORTING + r"(?:\s+[\w'’-]+){0,4}?,?\s+"
                        r"(?:that|que|qu['’]|dass|что)\b", re.IGNORECASE)
_SIGNED_BY = re.compile(r"(?i)\s+(?:by|par|por|von|durch|подписан\w*)\s+(?:[\w'’-]+\s+){0,6}?")


def _signers_after(ctx: Context, s: Sentence, b: int) -> list[str]:
    """ "the text signed by the foreign ministers of the USA and Greece, Turkey was mentioned":
    the coordinated states of a passive signing's agent are its signatories, not the states of
    the rest of the sentence (two or more, else nothing is decided here)."""
    by = _SIGNED_BY.match(ctx.text, b, s.end)
    if not by:
        return []
    first = [m for m in ctx.actors_in(b, min(s.end, by.end() + 60)) if not m.is_org]
    if not first or not re.fullmatch(r"[^,;:.]*", ctx.text[b: first[0].start]):
        return []
    group = [first[0]]
    for m in ctx.actors_in(first[0].end, s.end):
        link = _COORD.fullmatch(ctx.text, group[-1].end, m.start)
        if m.is_org or not link:
            break
        group.append(m)
        if link.group().strip(" ,").strip():
            break  # "X, Y and Z": the conjunction closes the list ("..., Turkey was mentioned")
    out = list(dict.fromkeys(m.actor for m in group))
    return out if len(out) >= 2 and _closed(ctx, group) else []


_HYPHENED = re.compile(r"\s*[-–/]\s*")
_OBJECT_START = re.compile(r"(?i)\s+(?:of\s+|de\s+|del\s+|des\s+|du\s+)?(?:the|a|an|new|le|la|"
                           r"les|l['’]|un|une|el|los|una|das|den|die|der|ein|eine|einen)?\s*")


def _named_in_object(ctx: Context, s: Sentence, b: int, tms: list[TreatyMention]) -> list[str]:
    """ "The signing of the U.S.-Papua New Guinea deal has been seen as a counter to China's
    agreement with ...": a treaty named by its parties right after the trigger names the
    signatories; the rest of the sentence does not."""
    tm = next((t for t in tms if b < t.end <= b + 80), None)
    if tm is None:
        return []
    ms = [m for m in ctx.actors_in(b, tm.end) if not m.is_org]
    if len(ms) < 2 or not _OBJECT_START.fullmatch(ctx.text, b, ms[0].start) or not all(
            _HYPHENED.fullmatch(ctx.text, x.end, y.start) for x, y in itertools.pairwise(ms)):
        return []
    if not re.fullmatch(r"[\s\w'’-]*", ctx.text[ms[-1].end: tm.start]):
        return []
    out = list(dict.fromkeys(m.actor for m in ms))
    return out if len(out) >= 2 else []


def _closed(ctx: Context, group: list[Mention]) -> bool:
    """Whether a list of states ends in a conjunction ("A and B", "A, B and C"), not a comma."""
    last = ctx.text[group[-2].end: group[-1].start]
    return bool(last.strip(" ,").strip())


def _counted_subject(ctx: Context, s: Sentence, a: int, b: int) -> list[str]:
    """ "The three leaders signed", "firmado por los gobiernos de ambos países": the states
    named last before, within three sentences, when the sentence itself names fewer."""
    c0, c1 = _clause_bounds(ctx, s, a)
    m = _COUNTED.search(ctx.text, c0, a) or _COUNTED_AGENT.match(ctx.text, b, c1)
    if not m:
        return []
    n = _NUMBERS[next(g for g in m.groups() if g).casefold()[:4]]
    here = {x.actor for x in ctx.actors_in(s.start, s.end) if not x.is_org}
    if len(here) > n:
        # "Alger voit d'un mauvais œil la visite du ministre israélien au Maroc, au cours de
        # laquelle les deux pays ont signé": the n states named last before the trigger; the
        # others are the sentence's topic or a critic
        near: list[str] = []
        for x in reversed(ctx.actors_in(s.start, a)):
            if not x.is_org and x.actor not in near:
                near.append(x.actor)
        return sorted(near[:n]) if len(near) >= n else []
    if len(here) == n:
        return []
    i = ctx.sentences.index(s)
    named: list[str] = []
    for prev in reversed(ctx.sentences[max(0, i - 3): i]):
        for x in reversed(ctx.actors_in(prev.start, prev.end)):
            if not x.is_org and x.actor not in named:
                named.append(x.actor)
        if len(named) >= n:
            break
    return sorted(named[:n]) if len(named) >= n else []


# a legislature or government named right after its verb: "заявку одобрил венгерский парламент",
# "проголосовал парламент Венгрии", "aprobó el Parlamento húngaro", "ratifizierte das ungarische
# Parlament"
_LEGISLATURE = (r"(?:parliament|parlement|parlamento|parlament|парламент\w*|congress|congreso|"
                r"kongress|senate|senado|senat|сенат\w*|sejm|сейм\w*|assembl\w+|asamblea|"
                r"government|gouvernement|gobierno|regierung|правительств\w*)")
_INVERTED = re.compile(r"(?i)\s+(?:(?:the|le|la|l['’]|el|das|der|die)\s+)?(?:" + _LEGISLATURE
                       + r"\s+(?:of\s+|de\s+|del\s+|von\s+)?(?:the\s+|la\s+|l['’])?)?")


def _inverted_subject(ctx: Context, b: int, c1: int) -> str | None:
    """The state of a legislature named right after the verb ("одобрил венгерский парламент",
    "проголосовал парламент Венгрии"): the acting state of a verb-subject clause."""
    gap = _INVERTED.match(ctx.text, b, c1)
    if gap is None:
        return None
    for m in ctx.actors_in(b, min(c1, b + 60)):
        if m.is_org or m.start != gap.end():
            return None
        named_after = gap.group().strip() != "" and re.search(_LEGISLATURE, gap.group(), re.I)
        adj_before = re.match(r"\s+" + _LEGISLATURE + r"\b", ctx.text[m.end: m.end + 40], re.I)
        return m.actor if named_after or adj_before else None
    return None


def _state_after(ctx: Context, b: int, c1: int) -> str | None:
    """The state right after an event noun (:data:`_OF_STATE`), if one stands there."""
    of = _OF_STATE.match(ctx.text, b, c1)
    nxt = [m for m in ctx.actors_in(b, c1) if of and m.start == of.end()]
    return nxt[0].actor if nxt and not nxt[0].is_org else None


_LEAVE_NOUN = re.compile(r"(?i)retraits?|retiros?|austritts?|выход\w*")
_OF_COORD = re.compile(r"\s*(?:,|,?\s*(?:and|et|y|und|и))\s+(?:(?:of|de|du|des|del|von)\s+)?"
                       r"(?:the\s+|la\s+|le\s+|l['’]|el\s+|der\s+|dem\s+)?", re.IGNORECASE)


def _possessors_after(ctx: Context, etype: str, a: int, b: int, c1: int) -> list[str]:
    """ "l'adhésion de la Finlande", "вступление Финляндии": the state after the event noun
    is the one acting, whoever the sentence's subject is ("Moscou a condamné ..."); so is each
    state coordinated with it ("le retrait du Burkina Faso et du Niger")."""
    if etype not in ("accession", "withdrawal", "suspension") or not (
            _EVENT_NOUN.search(ctx.text, a, b) or _LEAVE_NOUN.fullmatch(ctx.text, a, b)):
        return []
    first = _state_after(ctx, b, c1)
    if first is None:
        return []
    group = [next(m for m in ctx.actors_in(b, c1) if m.actor == first)]
    for m in ctx.actors_in(group[0].end, c1):
        if m.start < group[-1].end:
            continue
        if m.is_org or not _OF_COORD.fullmatch(ctx.text, group[-1].end, m.start):
            break
        group.append(m)
    return list(dict.fromkeys(m.actor for m in group))


def _requester_after(ctx: Context, etype: str, a: int, b: int, c1: int) -> str | None:
    """The state right after "at the request of", "por iniciativa de", "по просьбе"."""
    if etype != "consultation_request" or not _REQUESTER_AFTER.search(ctx.text, a, b):
        return None
    gap = re.match(r"\s*(?:the\s+|la\s+|l['’]|el\s+|le\s+)?", ctx.text[b: c1])
    nxt = [m for m in ctx.actors_in(b, c1) if m.start == b + gap.end() and not m.is_org]
    return nxt[0].actor if nxt else None


def _date_for(ctx: Context, s: Sentence, pos: int, others: list[int] = (),
              spans: list[tuple[int, int]] = ()) -> tuple[date | None, set[int]]:
    # a day inside another trigger ("se ha convertido este martes en nuevo miembro") is its own
    ds = [d for d in ctx.dates_in(s.start, s.end) if not any(x < d.start < y for x, y in spans)]
    years = {d.year for d in ds if d.kind == "year" and d.year}
    # "le traité ... du 16 juillet 2014", "the treaty of 19 June 2024": the date names the treaty
    # (its signing), not the event; a full date beyond another trigger is that trigger's, and so
    # is a day word before it ("a décidé, lundi 2 mai, de dénoncer les accords signés avec")
    full = [d for d in ds if d.kind == "full" and not _names_treaty(ctx, s, d)
            and not any(min(pos, d.start) < o < max(pos, d.start) for o in others)]
    # "today" inside a quotation is the speaker's day, not the article's
    resolved = [d for d in ds if d.kind in ("weekday", "relative", "partial", "same") and d.value
                and not (d.kind == "relative" and quote_open(ctx.text, s.start, d.start))]
    # the full date nearest the trigger, unless a day the text anchors is nearer still ("signed
    # on January 17, 2025 and became effective today, October 2")
    anchored = [d for d in resolved if d.kind in ("partial", "same")
                and not any(min(pos, d.start) < o < max(pos, d.start) for o in others)] \
        if full else [d for d in resolved if not any(d.start < o < pos for o in others)]
    cands = [d for d in full + anchored
             # "signed ... by X, who arrived on Monday", "..., das am 27. unterzeichnet": a
             # relative clause between the date and the trigger keeps the date to itself
             if not _RELATIVE_OPENER.search(ctx.text, min(pos, d.end), max(pos, d.start))]
    if _AFTER_EVENT.search(ctx.text, max(s.start, pos - 30), pos):
        # "condemned on Monday ..., days after the signing of": the day is the sentence's, the
        # signing came before it
        cands = [d for d in cands if d.start > pos]
    # a date right after the trigger is its own ("became effective today, October 2"), unless
    # another trigger stands between them
    after = [d for d in cands if pos <= d.start <= pos + 80
             and not any(pos < o < d.start for o in others)]
    # "signed last month", "signed with Japan in 2016", "firmado ... el mes pasado": the event's
    # own time, however vague, wins over a weekday of the sentence, the day of the report ("said
    # on Tuesday") or of a later step ("due to be renewed on Saturday")
    vague = _VAGUE_TIME.search(ctx.text, pos, min(s.end, pos + 90)) or _RECENTLY.search(
        ctx.text, max(s.start, pos - 16), pos)
    own = [d.start for d in ds if d.kind == "year" and pos < d.start <= pos + 70
           and _IN_YEAR.search(ctx.text, max(s.start, d.start - 6), d.start)]
    if vague or own:
        at = min(x for x in ([max(pos, vague.start())] if vague else []) + own)
        if not any(pos < o < at for o in others) and not any(pos <= d.start < at for d in cands):
            cands = [d for d in cands if d.kind not in ("weekday", "relative")]
            after = [d for d in after if d in cands]
    best = min(after or cands, key=lambda d: abs(d.start - pos), default=None)
    return (best.value if best else None), years


_RECENTLY = re.compile(r"(?i)\b(?:recently|récemment|recientemente|recién|kürzlich|jüngst|"
                       r"недавно)\s+$")
_IN_YEAR = re.compile(r"(?i)\b(?:in|en|im|dans|в)\s+$")
_VAGUE_TIME = re.compile(
    r"(?i)\b(?:last|earlier\s+this|previous)\s+(?:week|month|year|spring|summer|autumn|fall|"
    r"winter)\b|\b(?:la\s+semaine|le\s+mois|l['’]an(?:née)?)\s+derni(?:er|ère)\b|\b(?:la\s+semana|"
    r"el\s+mes|el\s+año)\s+pasad[oa]\b|\b(?:letzte[nr]?|vergangene[nr]?|vorige[nr]?)\s+(?:woche|"
    r"monat|jahr)\b|\b(?:на\s+прошлой\s+неделе|в\s+прошлом\s+(?:месяце|году))")


_RELATIVE_OPENER = re.compile(r"(?i),\s*(?:who|which|where|qui|où|quien|quienes|donde|der|die|das|"
                              r"который|которая|которое|которые|где)\b|\swho\b")
_AFTER_EVENT = re.compile(r"(?i)\b(?:after|following|après|tras|después\s+de|nach|после)\s+"
                          r"(?:the\s+|la\s+|le\s+|l['’]|el\s+|der\s+|dem\s+)?$")
_OF_DATE = re.compile(r"(?i)^(?:\s+(?!(?:signed|signé\w*|firmad\w*|unterzeichnet\w*|подписан\w*)\b)"
                      r"[\w'’-]+){0,7}?(?<!compter)(?<!partir)(?<!effect)\s+"
                      r"(?:of|du|del|vom|от)\s+$")  # not "à compter du", "a partir del"


def _names_treaty(ctx: Context, s: Sentence, d: DateMention) -> bool:
    """"le traité de coopération en matière de défense du 16 juillet 2014": a date after "of"
    that follows a treaty noun within a few words is part of the treaty's name."""
    return any(tm.end <= d.start and _OF_DATE.match(ctx.text[tm.end: d.start])
               for tm in ctx.treaties_in(s.start, d.start))


_ORG_ACTORS = set(lexicon.ORGANISATIONS)
_ARTICLE_N = re.compile(r"(?i)\b(?:article|artículo|artikel|стать[яиюей])\s+(\d+\w*|[IVX]+\b)")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _article_number(token: str) -> str:
    """ "IV" → "4": treaties and articles are cited in Roman numerals too ("Article IV")."""
    if not token.isalpha() or set(token.upper()) - set(_ROMAN):
        return token
    values = [_ROMAN[c] for c in token.upper()]
    return str(sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                   for i, v in enumerate(values)))
_ALLIANCES = ("NATO", "CSTO", "ECOWAS", "G5 Sahel")
# organisations that may be reported as reacting (the output's actor set); the other blocs in the
# lexicon only stand for their treaty
REACTING_ORGS = {"NATO", "EU", "UN", "CSTO"}


def _consultation_article(ctx: Context, s: Sentence, ref: TreatyRef | None) -> bool:
    """"invokes Article 4" of a treaty whose Article 4 only obliges the parties to consult."""
    if ref is None or not ref.treaty_id:
        # "demandé à l'Otan d'activer l'Article 4 du traité": the alliance named stands for it
        ref = next((tm.ref for tm in _alliance_refs(ctx, s) if tm.ref.treaty_id), None)
        if ref is None:
            return False
    t = ctx.index.treaties[ref.treaty_id]
    text = s.text
    if not _ARTICLE_N.search(text) and re.match(r"(?i)\W*(?:it|this|that)\b", text):
        # "It was recently invoked by Poland": the article of the sentence before
        i = ctx.sentences.index(s)
        text = ctx.sentences[i - 1].text if i > 0 else text
    for m in _ARTICLE_N.finditer(text):
        p = t.provision(_article_number(m.group(1)))
        if p is not None and p.kind == "consultation":
            return True
    return False


# a pronoun standing for the treaty as the object of the trigger: "signed it", "l'ont signé",
# "lo firmaron", "haben ... es ... unterzeichnet", "подписали его"
_PRONOUN_BEFORE = re.compile(r"(?i)(?:\b(?:l['’]|lo\s+|la\s+)(?:\w+\s+)?|\bes\b[^.;:,]{0,80}?\s|"
                             r"(?<!\w)(?:его|её|ее)\s+)$")
_PRONOUN_AFTER = re.compile(r"(?i)\s+(?:it|them|его|её|ее)\b")


def _pronoun_treaty(ctx: Context, s: Sentence, a: int, b: int) -> list[TreatyMention]:
    """"Das „Trinity House Agreement“ ist ... An diesem Mittwoch haben Healey und Pistorius es
    unterzeichnet": a pronoun object of the trigger stands for the treaty named last in the
    sentence just before."""
    if not (_PRONOUN_BEFORE.search(ctx.text, max(s.start, a - 90), a)
            or _PRONOUN_AFTER.match(ctx.text, b)):
        return []
    i = ctx.sentences.index(s)
    if i == 0:
        return []
    prev = ctx.sentences[i - 1]
    named = [tm for tm in ctx.treaties_in(prev.start, prev.end) if tm.ref is not None]
    return named[-1:]


def _earlier_treaty(ctx: Context, s: Sentence) -> list[TreatyMention]:
    """The registry treaty named last in the three sentences before: the treaty of an article
    cited alone."""
    i = ctx.sentences.index(s)
    for prev in reversed(ctx.sentences[max(0, i - 3): i]):
        named = [tm for tm in ctx.treaties_in(prev.start, prev.end) + _alliance_refs(ctx, prev)
                 if tm.ref is not None and tm.ref.treaty_id]
        if named:
            return named[-1:]
    return []


def _alliance_refs(ctx: Context, s: Sentence) -> list[TreatyMention]:
    """"joined NATO", "froze its participation in the CSTO": the alliance stands for its treaty."""
    out = []
    for m in ctx.actors_in(s.start, s.end):
        if m.actor not in _ALLIANCES:
            continue
        tid = next((t.id for t in ctx.index.treaties.values()
                    if m.actor in t.short_names or m.text in t.short_names), None)
        name = lexicon.ORGANISATIONS[m.actor][1] if len(lexicon.ORGANISATIONS[m.actor]) > 1 \
            else m.actor
        ref = TreatyRef(key=tid or f"org:{m.actor}", treaty_id=tid,
                        name=ctx.index.treaties[tid].title if tid else name)
        out.append(TreatyMention(m.start, m.end, m.text, True, ref))
    return out


def _counterparts(ctx: Context, s: Sentence, tm: TreatyMention | None) -> set[str]:
    """States after "treaty with": the other parties of the treaty the sentence names."""
    if tm is None:
        return set()
    m = _WITH_AFTER.match(ctx.text[tm.end: tm.end + 48])
    if not m:
        return set()
    return {a.actor for a in ctx.actors_in(tm.end, min(s.end, tm.end + 60))
            if a.start == tm.end + m.end() and not a.is_org}


def _note_counterparties(ctx: Context, s: Sentence, tms: list[TreatyMention]) -> None:
    """"its agreement with the United States": the US is a party to that agreement."""
    for tm in tms:
        m = _WITH_AFTER.match(ctx.text[tm.end: tm.end + 48])
        if m:
            for a in ctx.actors_in(tm.end, min(s.end, tm.end + 60)):
                if a.start == tm.end + m.end():
                    ctx.counterparties.add(a.actor)


# --- merging ----------------------------------------------------------------------------------

@dataclass
class EventCluster:
    type: str
    ref: TreatyRef | None
    parties: list[str]
    date: date | None
    first: EventMention
    years: set[int]
    count: int = 1


def resolve_refs(ctx: Context, mentions: list[EventMention]) -> TreatyRef | None:
    """Give generic mentions a treaty: by parties in the registry, else the treaty under
    discussion. Returns the article's main treaty."""
    # a name the registry lacks (a translation, say) but whose parties and exact date are those
    # of a registry treaty's signing or entry into force: that treaty, wherever the name recurs
    aliases: dict[str, TreatyRef] = {}
    for em in mentions:
        if em.ref is not None and em.ref.key and not em.ref.treaty_id:
            tid = _same_day(ctx, em)
            if tid:
                aliases[em.ref.key] = TreatyRef(key=tid, treaty_id=tid,
                                                name=ctx.index.treaties[tid].title)
    for em in mentions:
        if em.ref is not None and em.ref.key in aliases:
            em.ref = aliases[em.ref.key]
    named = [t for t in ctx.treaties if t.named and t.ref is not None]
    for t in named:
        if t.ref.key in aliases:
            t.ref = aliases[t.ref.key]
    first_named = named[0].ref if named else None
    pending: list[EventMention] = []
    for em in mentions:
        if em.ref is not None and em.ref.key:
            continue
        want = set(em.parties) | em.counterparts
        cand = None
        if len(want) >= 2:
            years = em.has_year | ({em.date.year} if em.date else set())
            tid = ctx.index.by_parties(want, years, newest=_is_new(ctx, em),
                                       before=ctx.article_date, exact=em.type == "signing")
            if tid is None and em.date is not None and em.type != "signing":
                # only a signing's date is the treaty's year ("the US said on Tuesday that its
                # treaty with Japan covers ...")
                tid = ctx.index.by_parties(want, em.has_year, newest=_is_new(ctx, em),
                                           before=ctx.article_date)
            if tid:
                cand = TreatyRef(key=tid, treaty_id=tid, name=ctx.index.treaties[tid].title)
        em.ref = cand
        pending.append(em)
    # a generic mention takes the treaty of another mention of the same event ...
    for em in pending:
        if em.ref is None:
            twin = next((o for o in mentions if o.ref is not None and o.ref.key
                         and o.type == em.type and set(o.parties) == set(em.parties)
                         and em.parties), None)
            if twin is not None:
                em.ref = twin.ref
    # ... else the named treaty under discussion: the last one before it, or one just after
    main_first = next((em.ref for em in mentions if em.parties and em.ref is not None
                       and em.ref.key), None)
    for em in pending:
        if em.ref is not None:
            continue
        want = set(em.parties)
        # the most-mentioned treaty so far (the latest on a tie), else one named just after
        counts: dict[str, tuple[int, int, TreatyRef]] = {}
        for t in named:
            if t.start < em.trigger_start and _compatible(t.ref, want, ctx):
                n = counts.get(t.ref.key, (0, 0, t.ref))[0]
                counts[t.ref.key] = (n + 1, t.start, t.ref)
        soon = [t.ref for t in named if em.trigger_start <= t.start <= em.sentence.end + 300
                and _compatible(t.ref, want, ctx)]
        ranked = sorted(counts.values(), key=lambda c: (c[0], c[1]), reverse=True)
        # the most-mentioned named treaty so far; else the treaty the article's earlier events
        # are about (not a treaty listed just after: "... cites earlier treaties, including the
        # 1921 Iran-Soviet Treaty"); else one named just after
        main_before = main_first if main_first is not None and _compatible(main_first, want, ctx) \
            and _mentioned_before(mentions, main_first, em) else None
        cand = ranked[0][2] if ranked else (main_before or (soon[0] if soon else None))
        if cand is None and main_first is not None and _compatible(main_first, want, ctx):
            cand = main_first  # the treaty the article is about
        if cand is None:
            name = generic_name(ctx.text, em.mention) if em.mention else None
            cand = TreatyRef(key="generic:" + (name or em.type), name=name)
        em.ref = cand
    # a name the registry lacks ("Договор о всеобъемлющем стратегическом партнерстве между
    # Российской Федерацией и Исламской Республикой Иран") whose states are exactly those of the
    # one registry treaty another mention of this article resolved to: that treaty
    resolved = {em.ref.key: em.ref for em in mentions
                if em.ref is not None and em.ref.treaty_id}
    for em in mentions:
        r = em.ref
        if r is None or r.treaty_id or len(r.states) < 2:
            continue
        want = as_today(r.states)
        same = [o for o in resolved.values()
                if as_today(ctx.index.treaties[o.treaty_id].parties) == want]
        if len(same) == 1:
            old_key = r.key
            for o in mentions:
                if o.ref is not None and o.ref.key == old_key:
                    o.ref = same[0]
            for t in named:
                if t.ref.key == old_key:
                    t.ref = same[0]
    # the article's treaty: that of the first event with parties, else the first named treaty
    main = next((em.ref for em in mentions if em.parties and em.ref is not None), None)
    if main is not None and main.key.startswith("generic:"):
        for em in mentions:
            if em.ref is not None and em.ref.key.startswith("generic:"):
                em.ref = main  # one unnamed treaty per article
    return main or first_named


def _mentioned_before(mentions: list[EventMention], ref: TreatyRef, em: EventMention) -> bool:
    return any(o.ref is not None and o.ref.key == ref.key and o.trigger_start < em.trigger_start
               for o in mentions if o is not em)


def _same_day(ctx: Context, em: EventMention) -> str | None:
    if em.date is None or len(em.parties) < 2 or em.type not in ("signing", "entry_into_force"):
        return None
    tid = ctx.index.by_parties(set(em.parties), {em.date.year})
    if tid is None:
        return None
    t = ctx.index.treaties[tid]
    fact = t.signed if em.type == "signing" else t.in_force
    return tid if fact.known == em.date else None


def _is_new(ctx: Context, em: EventMention) -> bool:
    return any(t.new for t in ctx.treaties_in(em.sentence.start, em.sentence.end)) or bool(
        re.search(r"(?i)\b(?:new|newly|recent(?:ly)?|nouveau|nuevo|neue\w*|нов\w*)\b",
                  em.sentence.text))


def _compatible(ref: TreatyRef, parties: set[str], ctx: Context | None = None) -> bool:
    """Whether a mention naming ``parties`` may be about ``ref``: it shares a state with the
    name; a registry treaty must have two of them ("Australia, the UK and the US announced a new
    pact" is not the US treaty with the Philippines named later)."""
    if ctx is not None and ref.treaty_id and len(parties) >= 2:
        have = as_today(ctx.index.treaties[ref.treaty_id].parties)
        return len(have & as_today(parties)) >= 2
    return not ref.states or not parties or bool(ref.states & parties) or len(parties) < 2


def merge(mentions: list[EventMention], main: TreatyRef | None) -> list[EventCluster]:
    clusters: list[EventCluster] = []

    def key(ref: TreatyRef | None) -> str:
        return ref.key if ref is not None else ""

    for em in mentions:
        if not em.parties:
            continue
        target = None
        for c in clusters:
            if c.type != em.type or key(c.ref) != key(em.ref):
                continue
            same = set(c.parties) == set(em.parties)
            subset = set(em.parties) < set(c.parties) and em.type not in _UNILATERAL
            if (same or subset) and (c.date == em.date or em.date is None):
                target = c
                break
            if same and c.date is None and em.date is not None:
                c.date, c.first = em.date, em
                target = c
                break
        if target is None:
            superset = [c for c in clusters if c.type == em.type and key(c.ref) == key(em.ref)
                        and em.type not in _UNILATERAL and set(c.parties) < set(em.parties)
                        and (c.date is None or c.date == em.date)]
            if superset:
                target = superset[0]
                target.parties = list(dict.fromkeys(target.parties + em.parties))
                target.date = target.date or em.date
            else:
                clusters.append(EventCluster(em.type, em.ref, list(em.parties), em.date, em,
                                             set(em.has_year)))
                continue
        target.count += 1
        target.years |= em.has_year
    # "With this exchange of notes, the Agreement will enter into force on June 27": a dated
    # entry into force naming nobody dates the one undated entry into force of its treaty (not
    # a signing: "the signing of the deal, first announced on Tuesday" dates the announcement)
    for em in mentions:
        if em.parties or em.date is None or em.type not in ("entry_into_force", "ratification"):
            continue
        undated = [c for c in clusters if c.type == em.type and key(c.ref) == key(em.ref)]
        if len(undated) == 1 and undated[0].date is None:
            undated[0].date = em.date
    # "Signed earlier this year, the RAA ...": a signing or entry into force naming nobody has
    # the parties of the treaty's other one (not of a statement: declaring states need not be
    # its signatories)
    for em in mentions:
        if em.parties or em.type not in ("signing", "entry_into_force") or em.ref is None:
            continue
        known = next((c for c in clusters if key(c.ref) == key(em.ref)
                      and c.type in ("signing", "entry_into_force") and c.type != em.type), None)
        if known is not None and not any(c.type == em.type and key(c.ref) == key(em.ref)
                                         for c in clusters):
            clusters.append(EventCluster(em.type, em.ref, list(known.parties), em.date, em,
                                         set(em.has_year)))
    return clusters


# --- reactions --------------------------------------------------------------------------------

@dataclass
class ReactionHit:
    actor: str
    stance: str
    sentence: Sentence


def find_reactions(ctx: Context, excluded: set[str],
                   event_sentences: set[int] | None = None) -> list[ReactionHit]:
    hits: list[ReactionHit] = []
    section_stance: str | None = None
    section_para = -1
    events_at = event_sentences or set()
    for i, s in enumerate(ctx.sentences):
        label = _item_label(ctx, s)
        if _HEADER.search(s.text) and s.text.rstrip().endswith(":"):
            section_stance = _first_cue(s.text)
            section_para = s.paragraph
            continue
        if section_stance and s.paragraph != section_para and label is None and \
                not _cues(ctx, s):
            section_stance = None
        cues = _cues(ctx, s)
        in_section = section_stance is not None and s.paragraph != section_para
        refers = (bool(ctx.treaties_in(s.start, s.end)) or (in_section and label is not None)
                  or s.start in events_at  # "Germany welcomed Sweden's accession to NATO"
                    or any(bool(ctx.treaties_in(p.start, p.end)) or p.start in events_at
                         for p in ctx.sentences[max(0, i - 3): i])
                  # a headline's reaction to the event it names ("Pakistan, China 'Seriously
                  # Concerned' After India Signs BECA"): the acronym is not known yet
                  or (i == 0 and any(rx.search(s.text) for _, rx in _TRIGGERS)))
        if not cues and not (in_section and label):
            continue
        if not refers:
            continue
        if not cues:
            cues = [(section_stance, s.start, s.start)]
        for stance, a, b in cues:
            for actor in _actors_for(ctx, s, a, b, label):
                if actor in excluded or actor == "SUN" or (
                        actor in _ORG_ACTORS and actor not in REACTING_ORGS):
                    continue
                hits.append(ReactionHit(actor, stance, s))
    return hits


_SOUGHT = re.compile(r"(?i)(?:\b(?:win|wins|winning|won|gain\w*|seek\w*|sought|garner\w*|rally\w*|"
                     r"drum\w* up|enlist\w*|obtenir|gagner|rallier|obtener|ganar|recabar|gewinn\w*|"
                     r"werben\s+um|заручит\w*|добит\w*)\s+(?:[\w'’-]+\s+){0,2}?|"
                     r"\b(?:for|pour|por|für|за)\s+(?:their|his|her|its|your|leur|son|sa|ses|su|sus|"
                     r"ihre\w*|seine\w*|их|его|её)\s+|"
                     # "asking the US and the EU for support", "demander à l'UE son soutien"
                     r"\b(?:ask\w*|request\w*|appeal\w*|turn\w*\s+to|demand\w*|sollicit\w*|"
                     r"pedi\w*|pid\w*|solicit\w*|bitt\w*|bat\b|ersuch\w*|прос\w*|обращ\w*)\s+"
                     r"(?:[\w'’-]+\s+){0,6}?(?:(?:for|pour|por|de|um|о|за)\s+(?:[\w'’-]+\s+)?|"
                     # "pedir a Francia su apoyo", "demander à Paris son soutien"
                     r"(?:su|sus|son|sa|ses|leur|leurs|their|its|ihre\w*|seine\w*|их|его|её)\s+))$")
_QUOTE_CLOSED_BY = re.compile(r"[”\"»“]\s*,?\s*(?:[\w.'’-]+\s+){0,4}?" + lexicon.REPORTING
                              + r"(?!\w)", re.IGNORECASE)
# "..., Russian Foreign Ministry spokeswoman Maria Zakharova said": a reporting clause closing the
# sentence names the speaker, whose stance the cue before it is (with or without quote marks)
_SPEAKER_AFTER = re.compile(r"[,”\"»]\s*(?:[\w.'’-]+\s+){0,8}?" + lexicon.SPEECH_VERB + r"(?!\w)",
                            re.IGNORECASE)
# "Ryabkov said on Friday that ...": a speech verb before the cue; its subject is the speaker and
# the states named after it are what the speech is about
# "..., a déclaré mercredi le porte-parole du ministère turc.", "..., sagte der italienische
# Außenminister": the same clause with the speaker after the verb, closing the sentence
_SPEAKER_INVERTED = re.compile(r"[,”\"»]\s*" + lexicon.SPEECH_VERB
                               + r"(?!\w)(?:\s+[\w.'’-]+){1,10}?\s*[.!]?\s*$", re.IGNORECASE)
_SPEECH_BEFORE = re.compile(r"(?<!\w)" + lexicon.SPEECH_VERB + r"(?!\w)", re.IGNORECASE)
_ACT_CUE = re.compile(r"(?i)provoca\w*|provoc\w*|провокац\w*|threat\w*|menace\w*|amenaza\w*|"
                      r"bedroh\w*|угроз\w*|aggress\w*|agress\w*|agresi\w*|агресс\w*")
# "China's (PRC) provocative", "Russia's aggressive": a possessor right before the cue's phrase
_POSSESSIVE = re.compile(r"(?:['’]s?|\))\s+(?:\([\w.-]+\)\s+)?(?:[\w-]+\s+){0,2}?$")
# "BRUSSELS, Belgium - ...", "SEOUL, June 24 (Yonhap) -": the place of the dateline
_DATELINE_PLACE = re.compile(r"[A-ZÀ-ÞА-ЯЁ][A-ZÀ-ÞА-ЯЁ .'’-]+,[^\n.;:]{0,40}?\s[-–—]\s")


def _in_dateline(ctx: Context, s: Sentence, m: Mention) -> bool:
    """Whether ``m`` stands in a dateline opening its sentence ("BRUSSELS, Belgium - ", "Addis
    Abeba – ")."""
    d = _DATELINE_PLACE.match(ctx.text, s.start, s.end)
    if d and m.end <= d.end():
        return True
    return m.kind == "capital" and m.start == s.start and bool(
        re.match(r"\s[-–—]\s", ctx.text[m.end: m.end + 3]))


# a possible harm, not a charge: "could undermine", "its potential to", "pourrait", "podría"
_HEDGE = re.compile(r"(?i)(?:\b(?:could|may|might|would|potential(?:ly)?(?:\s+to)?|risk(?:s|ing)?|"
                    r"likely\s+to|pourrai\w*|risqu\w*|podr[ií]\w*|riesgo\s+de|könnt\w*|"
                    r"droh\w*|может|могут|мог\w*)|(?<!\w)risque\s+de)\s+(?:\w+\s+){0,1}?[“\"«„]?$")
_ACT_AFTER = re.compile(r"\s+(?:" + _ACT_CUE.pattern.removeprefix("(?i)") + r")", re.IGNORECASE)


def _speaker_after(ctx: Context, s: Sentence, a: int, b: int) -> list[str] | None:
    """The speaker named in a reporting clause after the cue ("..., Russian Foreign Ministry
    spokeswoman Maria Zakharova said", "..., a déclaré le porte-parole du ministère turc";
    "'Welcome ...,' he said" after a sentence naming him), or None when no such clause follows
    or it names nobody."""
    for rx in (_SPEAKER_AFTER, _SPEAKER_INVERTED):
        sp = rx.search(ctx.text, b, s.end)
        if sp is None or re.search(r"[.;:!?]\s", ctx.text[b: sp.start()]):
            continue
        # "Washington's NATO allies declared": a possessor is not the speaker
        who = list(dict.fromkeys(m.actor for m in ctx.actors_in(sp.start(), sp.end())
                                 if not re.match(r"['’]s?\s", ctx.text[m.end: m.end + 3])))
        if who:
            return who
        if _PRONOUN.search(ctx.text, sp.start(), sp.end()) and quote_open(ctx.text, s.start, a):
            return _prev_subject(ctx, s) or None
    return None


def _first_cue(text: str) -> str | None:
    best = None
    for stance, rx in _STANCES:
        m = rx.search(text)
        if m and (best is None or m.start() < best[1]):
            best = (stance, m.start())
    return best[0] if best else None


def _cues(ctx: Context, s: Sentence) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    # the longest cue wins an overlap: "urged Cambodia to reject" (concern), not "reject"
    found = sorted(((stance, m) for stance, rx in _STANCES
                    for m in rx.finditer(ctx.text, s.start, s.end)),
                   key=lambda c: c[1].start() - c[1].end())
    for stance, m in found:
        if any(not (m.end() <= a or m.start() >= b) for _, a, b in out):
            continue
        if stance == "condemn" and _HEDGE.search(ctx.text, max(s.start, m.start() - 30),
                                                 m.start()):
            stance = "concern"  # "its potential to undermine stability": a feared harm
        if _BACKDROP.search(ctx.text, max(s.start, m.start() - 40), m.start()):
            continue  # "signed ... amid concerns over the war": the setting, not a reaction
        if stance == "support" and _SOUGHT.search(ctx.text, max(s.start, m.start() - 70),
                                                  m.start()):
            continue  # "to win support in the region", "thanked them for their support": a
            # support sought or thanked for is nobody's reaction
        out.append((stance, m.start(), m.end()))
    return sorted(out, key=lambda c: c[1])[:_PER_SENTENCE]


def _item_label(ctx: Context, s: Sentence) -> str | None:
    """``Ukraine: A presidential aide said ...`` → UKR."""
    first = [m for m in ctx.actors_in(s.start, min(s.end, s.start + 40)) if m.start == s.start]
    if first and ctx.text[first[0].end: first[0].end + 2].startswith(":"):
        return first[0].actor
    return None


def _actors_for(ctx: Context, s: Sentence, a: int, b: int, label: str | None) -> list[str]:
    if label:
        return [label]
    # "provocations from EU countries", "China's provocative actions", "la crisis en Venezuela
    # ... una amenaza": a cue naming the criticised act; the state it comes from is the target
    act = _ACT_CUE.match(ctx.text, a, b)
    # "criticism from Beijing"; not "celebró la adhesión de Suecia" (the state of the event)
    after = [] if act else [m for m in ctx.actors_in(b, min(s.end, b + 40)) if _AFTER_CUE.match(
        ctx.text[b: m.start]) and not any(rx.search(ctx.text, b, m.start) for _, rx in _TRIGGERS)]
    if after:
        # "an outcry from Greece, Cyprus, and Egypt": every state of the coordinated source
        group = [after[0]]
        for m in ctx.actors_in(after[0].end, s.end):
            if m.is_org or not _COORD.fullmatch(ctx.text, group[-1].end, m.start):
                break
            group.append(m)
        return list(dict.fromkeys(m.actor for m in group))
    speaker = _speaker_after(ctx, s, a, b)
    if speaker is not None:
        return speaker
    c0, _ = _clause_bounds(ctx, s, a)
    # "... The United States ... is bound to increase tensions," she said: a cue inside quoted
    # speech closed by a reporting clause is the speaker's, not that of the states it names
    said = _QUOTE_CLOSED_BY.search(ctx.text, b, s.end)
    if said and not re.search(r"[“„«]|(?<!\w)\"(?=\w)", ctx.text[b: said.start()]):
        c0 = a
    # "The pact signed by X and Y ... is unacceptable": a condemning predicate describes its
    # subject; the states named there are the target, and the critic is the speaker
    if _PREDICATE.search(ctx.text, max(c0, a - 40), a) and any(
            st == "condemn" and rx.match(ctx.text, a) for st, rx in _STANCES):
        c0 = a
    subj = []
    prev_out: Mention | None = None
    # "Japan, which signed a similar pact with Australia, welcomed ...": named in passing
    inserts = [(r.start(), r.end()) for r in _RELATIVE.finditer(ctx.text, c0, a)]
    for m in ctx.actors_in(c0, a):
        if any(x <= m.start < y for x, y in inserts) or _in_dateline(ctx, s, m):
            continue
        if act and _POSSESSIVE.match(ctx.text, m.end, a):
            continue  # "the PRC's provocative actions": the one criticised
        if _ACT_AFTER.match(ctx.text, m.end):
            continue  # "Russian aggression helped bring ... together": the act's author is the
            # cause of the news, not the one who endorses or condemns
        if m.is_org and _OBJECT_OF_EVENT.search(ctx.text[max(0, m.start - 30): m.start]):
            continue  # "Soon after Finland joined NATO, Russia threatened ..."
        gov = (_PREP_BEFORE.search(ctx.text[max(0, m.start - 15): m.start]) and not
               _TITLE_OF.search(ctx.text[max(0, m.start - 40): m.start])) or \
            _RECIPIENT.search(ctx.text[max(0, m.start - 20): m.start]) or \
            _GOVERNED_NOUN.search(ctx.text[max(0, m.start - 20): m.start]) or \
            _AUTHORS.search(ctx.text[max(0, m.start - 40): m.start])
        # coordinated with a governed phrase: "to the UN Secretary-General and the Security Council"
        coord = prev_out is not None and re.fullmatch(
            r"[\w'’-]*(?:\s+[\w'’-]+){0,2}?\s*(?:,|and|or|et|y|und|и)\s+"
            r"(?:the\s+|la\s+|le\s+|les\s+|l['’]|el\s+|der\s+|die\s+|das\s+|den\s+)?",
            ctx.text[prev_out.end: m.start])
        if gov or coord:
            prev_out = m
            continue
        prev_out = None
        subj.append(m)
    # "Ryabkov said on Friday that U.S. withdrawal ... undermines": the subject of the speech verb
    # speaks; the states after it are what is spoken of
    verbs = [r.start() for r in _SPEECH_BEFORE.finditer(ctx.text, c0, a)]
    if verbs and any(m.start < verbs[-1] for m in subj):
        subj = [m for m in subj if m.start < verbs[-1]]
    elif verbs and _PRONOUN.search(ctx.text, c0, verbs[-1]):
        # "He underscored that he sees no problem in Armenia's contacts": he, not Armenia
        return _prev_subject(ctx, s)
    # "Speaking in Cairo, Iran's foreign minister ...": the place of speaking is not the actor,
    # unless nobody else is named ("In Beijing, the foreign ministry condemned ...")
    speakers = [m for m in subj if not _PLACE_BEFORE.search(ctx.text[max(0, m.start - 12):
                                                                      m.start])]
    # a country after "in" is where things happen ("la guerre en Ukraine"); only a capital
    # stands for its government ("In Beijing, the ministry condemned ...")
    subj = speakers or [m for m in subj if m.kind == "capital"]
    if subj:
        return list(dict.fromkeys(m.actor for m in subj))
    # "'... condemn ...,' the North Atlantic Alliance said."
    for rm in _REPORT.finditer(ctx.text, s.start, s.end):
        near = [m for m in ctx.actors_in(max(s.start, rm.start() - 40), min(s.end, rm.end() + 40))]
        if near:
            return [min(near, key=lambda m: abs(m.start - rm.start())).actor]
    # "He said the decision was 'deeply regrettable'": the subject of the sentence before
    if _PRONOUN.search(ctx.text, c0, a):
        return _prev_subject(ctx, s)
    return []


def _prev_subject(ctx: Context, s: Sentence) -> list[str]:
    """The state a pronoun ("he", "elle", "он") stands for: the first one the sentence before
    names, unless it is governed by a preposition there."""
    i = ctx.sentences.index(s)
    if i > 0:
        prev = ctx.sentences[i - 1]
        first = ctx.actors_in(prev.start, prev.end)
        if first and not _PREP_BEFORE.search(ctx.text[max(0, first[0].start - 15):
                                                      first[0].start]):
            return [first[0].actor]
    return []
