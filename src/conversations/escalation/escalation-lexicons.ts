/**
 * What visitors write when they want a person, per language, as plain data. The classifier
 * merges every language, because a visitor's language is not known before reading the message.
 * Write entries as people type them, accents and apostrophes included: they are normalised the
 * same way as the messages.
 */
export interface EscalationLexicon {
  /** Unmistakably a person to reach, or the handoff itself: enough with "please" or alone. */
  people: readonly string[];
  /** A person only when something asks to reach them: "talk to someone", not "someone paid". */
  vaguePeople: readonly string[];
  /** Reaching someone. Either side of the person: verbs come last in German and Dutch. */
  reachVerbs: readonly string[];
  /** Wanting, asking for; before the person ("I want an agent", not "agents can I add"). */
  wants: readonly string[];
  politeness: readonly string[];
  /** "Is anyone there?" phrasing; too weak for vague people ("is someone able to sign"). */
  presence: readonly string[];
  negations: readonly string[];
  /** Openings that make the clause a question about the assistant or the service. */
  notARequest: readonly string[];
  /** Set phrases in which a person word means something else ("human resources"). */
  falseFriends: readonly string[];
  /** Words that may pad a bare request ("a human now") without changing it. */
  fillers: readonly string[];
  /** Complaints that already address the assistant ("you don't understand"). */
  complaints: readonly string[];
  /** Abuse that signals frustration only when aimed at the assistant ("stupid bot"). */
  insults: readonly string[];
  /** Words that point at the assistant or the conversation, the target of insults. */
  assistant: readonly string[];
  /** Ordinary words one typo away from a keyword, so never read as typos ("argent", money). */
  realWords: readonly string[];
  /** Shorthand read as what it stands for ("u" is "you"). */
  aliases: Readonly<Record<string, string>>;
}

const NONE: readonly string[] = [];

/** Loanwords visitors use whatever their language. */
const loanwords: EscalationLexicon = {
  people: ['callback'],
  vaguePeople: ['manager', 'support', 'team'],
  reachVerbs: ['chat', 'chatten'],
  wants: NONE,
  politeness: NONE,
  presence: NONE,
  negations: NONE,
  notARequest: NONE,
  falseFriends: ['human resources', 'ai agent', 'ai agents'],
  fillers: ['ok', 'okay', 'hi', 'hello', 'hallo'],
  complaints: NONE,
  insults: NONE,
  assistant: ['bot', 'chatbot', 'ai'],
  realWords: NONE,
  aliases: {},
};

const english: EscalationLexicon = {
  people: [
    'human', 'humans', 'human being', 'real person', 'real people', 'real human', 'actual person',
    'actual human', 'live person', 'live agent', 'real agent', 'agent', 'agents', 'operator',
    'representative', 'sales rep', 'advisor', 'adviser', 'supervisor', 'customer service',
    'customer services', 'customer support',
    'customer care', 'support team', 'support staff', 'tech support', 'technical support',
    'live support', 'call me back', 'escalate', 'transfer me',
  ],
  vaguePeople: [
    'person', 'people', 'someone', 'somebody', 'anyone', 'anybody', 'boss', 'sales', 'staff',
    'specialist', 'expert', 'technician', 'salesperson', 'member', 'who',
  ],
  reachVerbs: [
    'speak', 'speaking', 'talk', 'talking', 'chatting', 'connect', 'transfer to', 'put me through', 'reach',
    'contact', 'get in touch', 'call', 'email me', 'forward', 'pass', 'help', 'ticket',
  ],
  wants: [
    'want', 'need', 'would like', 'prefer', 'rather', 'get', 'give me', 'can i have', 'can a',
    'can an', 'could a',
  ],
  politeness: ['please'],
  presence: ['is there', 'are there', 'any', 'available', 'online', 'around'],
  negations: ['no', 'not', 'never', 'without', 'nobody', 'no one'],
  notARequest: [
    'are you', 'am i talking', 'am i chatting', 'am i speaking', 'is this a', 'is this an',
    'is this chat', 'behind this', 'who am i', 'do i need to', 'do i have to', 'can the chatbot',
    'can the bot', 'does the chatbot', 'on weekends', 'at weekends', 'on the weekend', 'opening hours',
  ],
  falseFriends: [
    'human error', 'human rights', 'human nature', 'human readable', 'user agent', 'travel agent',
    'travel agents', 'real estate', 'estate agent', 'estate agents', 'insurance agent',
    'secret agent', 'agent of change', 'operator precedence', 'tour operator', 'mobile operator',
    'mobile operators', 'network operator', 'per person', 'password manager', 'package manager',
    'manager account', 'manager role', 'agent account', 'agent role', 'agent seats',
  ],
  fillers: [
    'a', 'an', 'the', 'to', 'me', 'my', 'your', 'you', 'i', 'we', 'us', 'some', 'one', 'with',
    'now', 'asap', 'just', 'hey', 'right', 'away', 'immediately', 'urgent', 'urgently',
  ],
  complaints: [
    'you do not understand', 'you are not understanding', 'you do not get it',
    'you are not listening', 'you are not answering', 'you keep', 'in circles',
    'are you even', 'same answer', 'waste of time', 'waste of my time',
  ],
  insults: [
    'useless', 'pointless', 'unhelpful', 'stupid', 'dumb', 'terrible', 'worst', 'ridiculous', 'frustrating',
    'not helping', 'not helpful', 'no help', 'not getting it', 'a joke', 'garbage', 'rubbish', 'idiot',
  ],
  assistant: ['you', 'this', 'assistant'],
  realWords: ['contract', 'offline', 'export'],
  aliases: {
    u: 'you', r: 'are', ur: 'your', youre: 'you are', plz: 'please', pls: 'please',
    thru: 'through', wanna: 'want to', gimme: 'give me', id: 'i would', im: 'i am',
    dont: 'do not', doesnt: 'does not', didnt: 'did not', isnt: 'is not', arent: 'are not',
    reel: 'real', 2: 'to',
  },
};

const spanish: EscalationLexicon = {
  people: [
    'humano', 'humanos', 'ser humano', 'persona real', 'persona de verdad', 'agente', 'agentes',
    'operador', 'operadora', 'representante', 'asesor', 'asesora', 'atención al cliente',
    'atención humana', 'servicio al cliente', 'soporte técnico', 'ejecutivo',
  ],
  vaguePeople: [
    'persona', 'alguien', 'encargado', 'gerente', 'supervisor', 'jefe', 'ventas', 'soporte',
    'equipo', 'especialista', 'técnico', 'un comercial', 'quién',
  ],
  reachVerbs: [
    'hablar', 'comunicar', 'comunicarme', 'comuníqueme', 'pásame', 'páseme', 'pasas', 'pasar',
    'transferir', 'transfiérame', 'contactar', 'contacto', 'llamar', 'llame', 'conectar',
  ],
  wants: ['quiero', 'quisiera', 'necesito', 'me gustaría', 'prefiero'],
  politeness: ['por favor', 'porfa', 'porfavor'],
  presence: ['hay', 'disponible', 'algún'],
  negations: ['no', 'nadie', 'nunca', 'sin', 'ni'],
  notARequest: ['eres', 'estoy hablando', 'el chatbot puede', 'fin de semana'],
  falseFriends: [
    'recursos humanos', 'error humano', 'derechos humanos', 'agente inmobiliario',
    'agentes inmobiliarios', 'agente de viajes', 'agentes de viajes', 'por persona',
    'persona jurídica', 'persona física', 'operador móvil', 'operadores móviles',
    'operador de telefonía',
  ],
  fillers: ['un', 'una', 'el', 'la', 'los', 'con', 'a', 'al', 'de', 'del', 'me', 'mi', 'ya', 'ahora', 'hola', 'que'],
  complaints: [
    'no me entiendes', 'no entiendes', 'no sirves', 'esto no sirve', 'no me estás ayudando',
    'no me ayudas', 'pérdida de tiempo',
  ],
  insults: ['inútil', 'tonto', 'estúpido', 'basura'],
  assistant: ['robot', 'esto', 'eres'],
  realWords: NONE,
  aliases: {},
};

const french: EscalationLexicon = {
  people: [
    'humain', 'humains', 'être humain', 'vrai humain', 'vraie personne', 'personne réelle',
    'conseiller', 'conseillère', 'agent', 'agents', 'opérateur', 'opératrice', 'service client',
    'service clientèle', 'support technique', 'service commercial', 'rappelé', 'rappel',
  ],
  vaguePeople: [
    'personne', "quelqu'un", 'qui', 'responsable', 'équipe', 'un commercial', 'technicien', 'supérieur',
  ],
  reachVerbs: [
    'parler', 'discuter', 'échanger', 'contacter', 'joindre', 'en relation', 'en contact',
    'passez-moi', 'passer', 'transférez-moi', 'transférer', 'appeler', 'rappeler',
  ],
  wants: ['veux', 'voudrais', 'souhaite', 'aimerais', 'besoin', 'puis-je', 'peux'],
  politeness: ["s'il vous plaît", "s'il te plaît", 'svp', 'stp'],
  presence: ['y a-t-il', 'il y a', 'disponible'],
  negations: ['ne', 'n', 'pas', 'jamais', 'sans', 'aucun'],
  notARequest: ['êtes-vous', 'es-tu', 'tu es', 'vous êtes', 'suis-je', 'le chatbot peut', 'le week-end'],
  falseFriends: [
    'ressources humaines', 'erreur humaine', "droits de l'homme", 'droits humains',
    'agent immobilier', 'agents immobiliers', 'agent de voyage', 'agence de voyage',
    'par personne', 'opérateur mobile', 'opérateurs mobiles', 'personne ne', "personne n'",
  ],
  fillers: [
    'un', 'une', 'le', 'la', 'les', 'l', 'à', 'au', 'avec', 'de', 'du', 'd', 'moi', 'me', 'm',
    'je', 'j', 'votre', 'maintenant', 'bonjour',
  ],
  complaints: [
    'tu ne comprends', 'vous ne comprenez', 'sert à rien', 'sers à rien', "tu ne m'aides pas",
    "vous ne m'aidez pas", 'perte de temps', "n'importe quoi",
  ],
  insults: ['nul', 'nulle', 'inutile', 'stupide', 'débile'],
  assistant: ['tu', 'vous', 'robot', 'ça', 'c'],
  realWords: ['argent', 'manger'],
  aliases: { qqn: "quelqu'un" },
};

const german: EscalationLexicon = {
  people: [
    'Mensch', 'Menschen', 'Mitarbeiter', 'Mitarbeiterin', 'Berater', 'Beraterin',
    'Kundenservice', 'Kundendienst', 'Kundenbetreuung', 'Rückruf', 'Ansprechpartner',
    'ruf mich zurück', 'Vorgesetzten', 'Vorgesetzter', 'echte Person', 'echten Person',
  ],
  vaguePeople: ['Person', 'jemand', 'jemandem', 'jemanden', 'wem', 'Chef', 'Chefin', 'Vertrieb', 'Techniker'],
  reachVerbs: [
    'sprechen', 'reden', 'verbinden', 'weiterleiten', 'Weiterleitung', 'anrufen', 'zurückrufen',
    'kontaktieren', 'erreichen',
  ],
  wants: ['möchte', 'ich will', 'brauche', 'hätte gerne', 'hätte gern', 'kann ich', 'könnte ich'],
  politeness: ['bitte'],
  presence: ['gibt es', 'verfügbar', 'erreichbar'],
  negations: ['kein', 'keine', 'keinen', 'nicht', 'nie', 'ohne', 'niemand'],
  notARequest: [
    'bist du', 'bin ich', 'sind Sie ein', 'spreche ich', 'rede ich', 'ist das ein', 'kann der Chatbot',
    'am Wochenende',
  ],
  falseFriends: ['menschlicher Fehler', 'pro Person'],
  fillers: [
    'mit', 'ein', 'eine', 'einem', 'einer', 'einen', 'dem', 'der', 'den', 'die', 'ich', 'mich',
    'mir', 'Ihrem', 'jetzt', 'sofort', 'an', 'zu',
  ],
  complaints: [
    'verstehst mich nicht', 'verstehst nichts', 'bringt nichts', 'hilfst mir nicht',
    'keine Hilfe', 'Zeitverschwendung',
  ],
  insults: ['nutzlos', 'dumm', 'dummer', 'blöd', 'blöder', 'sinnlos', 'unbrauchbar'],
  assistant: ['du', 'das'],
  realWords: ['verbunden'],
  aliases: {},
};

const portuguese: EscalationLexicon = {
  people: [
    'humano', 'ser humano', 'pessoa real', 'pessoa de verdade', 'atendente', 'atendentes',
    'atendimento humano', 'agente', 'operador', 'representante', 'consultor', 'consultora',
    'suporte técnico',
  ],
  vaguePeople: ['pessoa', 'alguém', 'quem', 'gerente', 'suporte', 'vendas', 'o comercial', 'equipe', 'responsável'],
  reachVerbs: [
    'falar', 'conversar', 'transferir', 'transfere', 'transfira', 'passa', 'passar', 'ligar',
    'liga', 'em contato', 'atendido',
  ],
  wants: ['quero', 'queria', 'preciso', 'gostaria'],
  politeness: ['por favor', 'pfv'],
  presence: ['tem', 'disponível'],
  negations: ['não', 'ninguém', 'nunca', 'sem', 'nem'],
  notARequest: ['você é', 'estou falando', 'o chatbot pode', 'fim de semana'],
  falseFriends: [
    'recursos humanos', 'direitos humanos', 'erro humano', 'agente imobiliário',
    'agentes de viagens', 'agência de viagens', 'por pessoa', 'pessoa jurídica', 'pessoa física',
    'operadora de celular', 'operadoras de celular',
  ],
  fillers: ['um', 'uma', 'o', 'a', 'com', 'de', 'do', 'da', 'me', 'para', 'pra', 'agora', 'já', 'olá', 'oi'],
  complaints: [
    'não entende', 'não serve pra nada', 'não serve para nada', 'não está me ajudando',
    'não me ajuda', 'perda de tempo',
  ],
  insults: ['inútil', 'burro', 'idiota', 'estúpido'],
  assistant: ['você', 'robô', 'isso'],
  realWords: ['consultar'],
  aliases: {},
};

const italian: EscalationLexicon = {
  people: [
    'umano', 'essere umano', 'persona vera', 'persona reale', 'operatore', 'operatrice',
    'consulente', 'addetto', 'assistenza clienti', 'servizio clienti', 'agente', 'richiamato',
    'richiamata',
  ],
  vaguePeople: [
    'persona', 'qualcuno', 'chi', 'responsabile', 'supporto', 'assistenza', 'ufficio commerciale', 'tecnico',
  ],
  reachVerbs: [
    'parlare', 'passami', 'passatemi', 'passi', 'passarmi', 'in contatto', 'contattare', 'chiamare',
    'richiamare', 'chattare', 'trasferire',
  ],
  wants: ['voglio', 'vorrei', 'ho bisogno', 'posso avere'],
  politeness: ['per favore', 'per piacere'],
  presence: ["c'è", 'disponibile'],
  negations: ['non', 'nessuno', 'mai', 'senza'],
  notARequest: ['sei un', 'sei una', 'sei umano', 'sto parlando', 'il chatbot può', 'nel weekend', 'fine settimana'],
  falseFriends: [
    'risorse umane', 'diritti umani', 'errore umano', 'agente immobiliare', 'agenzia di viaggi',
    'a persona', 'per persona', 'persona fisica', 'operatori telefonici', 'operatore telefonico',
  ],
  fillers: ['un', 'una', 'uno', 'il', 'lo', 'la', 'l', 'con', 'di', 'mi', 'me', 'ora', 'subito', 'ciao', 'salve'],
  complaints: [
    'non capisci', 'non mi stai aiutando', 'non mi aiuti', 'serve a niente', 'servi a niente',
    'perdita di tempo',
  ],
  insults: ['inutile', 'stupido', 'scemo'],
  assistant: ['sei', 'questo'],
  realWords: ['detto'],
  aliases: {},
};

const dutch: EscalationLexicon = {
  // "mens" alone is also English "men's", so Dutch humans are matched with their article or adjective.
  people: [
    'een mens', 'echt mens', 'echte mens', 'echt persoon', 'echte persoon', 'medewerker',
    'medewerkster', 'klantenservice', 'klantendienst', 'teruggebeld',
  ],
  vaguePeople: ['persoon', 'iemand', 'wie', 'leidinggevende', 'verkoopafdeling', 'verkoop'],
  reachVerbs: ['spreken', 'praten', 'verbind', 'verbinden', 'doorverbinden', 'bellen', 'terugbellen', 'contact'],
  wants: ['ik wil', 'wil graag', 'mag ik', 'kan ik'],
  politeness: ['alstublieft', 'alsjeblieft', 'aub', 'graag'],
  presence: ['is er', 'beschikbaar'],
  negations: ['geen', 'niet', 'nooit', 'zonder', 'niemand'],
  notARequest: [
    'ben jij', 'ben je', 'ben ik', 'praat ik', 'spreek ik', 'is dit een', 'kan de chatbot', 'in het weekend',
  ],
  falseFriends: ['per persoon', 'menselijke fout'],
  fillers: ['een', 'de', 'het', 'met', 'van', 'ik', 'me', 'mij', 'nu', 'even', 'hoi'],
  complaints: [
    'begrijpt me niet', 'begrijpt het niet', 'slaat nergens op', 'helpt me niet',
    'heeft geen zin', 'zonde van mijn tijd',
  ],
  insults: ['nutteloos', 'nutteloze', 'dom', 'domme', 'stom', 'stomme'],
  assistant: ['je', 'jij', 'dit'],
  realWords: NONE,
  aliases: {},
};

export const ESCALATION_LEXICONS: readonly EscalationLexicon[] = [
  loanwords, english, spanish, french, german, portuguese, italian, dutch,
];
