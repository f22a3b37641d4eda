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
  /** Reaching, but only when the target is plainly a person: "reach the clinic" may be a bus ride. */
  weakReachVerbs: readonly string[];
  /** Wanting, asking for; before the person ("I want an agent", not "agents can I add"). */
  wants: readonly string[];
  politeness: readonly string[];
  /** "Is anyone there?" phrasing; too weak for vague people ("is someone able to sign"). */
  presence: readonly string[];
  negations: readonly string[];
  /** Openings that make the clause a question about the assistant or the service. */
  notARequest: readonly string[];
  /** The same, only at the start of a clause: "spreche ich mit einem Menschen?", not "wie spreche ich mit…". */
  questionOpeners: readonly string[];
  /** Set phrases in which a person word means something else ("human resources"). */
  falseFriends: readonly string[];
  /** Words that join two statements: a negation before one does not reach into the other. */
  conjunctions: readonly string[];
  /** Words that make what follows the topic, not the one reached: "talk about my mortgage". */
  topicMarkers: readonly string[];
  /** Words that may pad a bare request ("a human now") without changing it. */
  fillers: readonly string[];
  /** Complaints that already address the assistant ("you don't understand"). */
  complaints: readonly string[];
  /** Abuse that signals frustration only when aimed at the assistant ("stupid bot"). */
  insults: readonly string[];
  /** Words that point at the assistant or the conversation, the target of insults. */
  assistant: readonly string[];
  /**
   * Departments and roles ("billing", "the front desk", "a pharmacist"). Read by the model only,
   * as a category: the rules cannot tell "talk to billing" from "the billing page", the model can.
   */
  roles: readonly string[];
  /** What a visitor calls the bot when refusing it ("a machine", "an AI"). */
  machines: readonly string[];
  /** Refusing outright, no negation needed: "no more bots", "tired of this chatbot". */
  refusals: readonly string[];
  /** What a visitor will not do with a machine: "I won't give my details to a bot". */
  refusalVerbs: readonly string[];
  /** The assistant addressed as "you", the target of "I don't want to talk to you". */
  addressee: readonly string[];
  /** What the assistant says when it cannot help ("I don't have that information"). */
  cannotHelp: readonly string[];
  /** A visitor pushing back on an answer ("that's useless", "so what now?"): a person is offered after a cannotHelp. */
  pushback: readonly string[];
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
  reachVerbs: ['chatten'],
  weakReachVerbs: ['chat'],
  wants: NONE,
  politeness: NONE,
  presence: NONE,
  negations: NONE,
  notARequest: NONE,
  questionOpeners: NONE,
  falseFriends: ['human resources', 'ai agent', 'ai agents'],
  conjunctions: NONE,
  topicMarkers: NONE,
  fillers: ['ok', 'okay', 'hi', 'hello', 'hallo'],
  complaints: NONE,
  insults: NONE,
  assistant: ['bot', 'chatbot', 'chat'],
  roles: ['manager', 'team', 'staff', 'helpdesk', 'help desk', 'concierge', 'spa', 'sales'],
  machines: ['bot', 'chatbot', 'robot'],
  refusals: NONE,
  refusalVerbs: NONE,
  addressee: NONE,
  cannotHelp: NONE,
  pushback: NONE,
  realWords: NONE,
  aliases: {},
};

const english: EscalationLexicon = {
  people: [
    'human', 'humans', 'human being', 'real person', 'real people', 'real human', 'actual person',
    'actual human', 'live person', 'live agent', 'real agent', 'agent', 'agents', 'operator',
    'representative', 'sales rep', 'advisor', 'adviser', 'supervisor', 'customer service',
    'customer services', 'customer support', 'customer care', 'support team', 'support staff', 'tech support',
    'technical support', 'live support', 'call me back', 'escalate', 'transfer me', 'anyone there',
    'anybody there', 'someone there', 'is anyone there', 'handoff', 'hand off', 'human support',
    'someone else', 'somebody else', 'anyone else', 'another person', 'another agent', 'not a bot',
    'not a robot', 'not a machine', 'not an ai', 'other than a bot', 'other than a machine',
    'proper human', 'proper person',
  ],
  vaguePeople: [
    'person', 'people', 'someone', 'somebody', 'anyone', 'anybody', 'boss', 'sales', 'staff',
    'specialist', 'expert', 'technician', 'salesperson', 'member', 'who',
  ],
  reachVerbs: [
    'speak', 'speaking', 'talk', 'talking', 'chatting', 'connect', 'transfer to', 'put me through',
    'get in touch', 'call', 'email me', 'phone number', 'telephone number', 'contact number', 'phone line',
    'helpline', 'hotline', 'direct line', 'ring', 'phone me', 'get hold of', 'get through to', 'hand me over',
    'hand over', 'put me in touch', 'call me', 'how do i contact', 'how can i contact', 'how do i call',
    'how can i call', 'how do i email', 'how can i email', 'how do i get in touch', 'who do i call',
    'who do i talk to', 'who can i talk to', 'who do i ask', 'who should i contact', 'put through',
    'get put through', 'get back to me', 'get back to', 'contact me', 'hand this conversation',
    'hand this chat', 'hand this over',
    'pass me to', 'pass me over', 'pass me on', 'pass me through', 'pass this to', 'switch me to',
    'connected', 'be connected', 'in touch with', 'hand a conversation', 'hand the conversation',
    'hand the chat',
  ],
  weakReachVerbs: ['reach', 'forward', 'pass', 'help', 'ticket', 'contact'],
  wants: [
    'want', 'need', 'would like', 'prefer', 'rather', 'get', 'give me', 'can i have', 'can a', 'can an',
    'could a', 'needs',
  ],
  politeness: ['please'],
  presence: ['is there', 'are there', 'any', 'available', 'online', 'around'],
  negations: ['no', 'not', 'never', 'without', 'nobody', 'no one'],
  notARequest: [
    'what languages do', 'which languages do', 'are you', 'am i talking', 'am i chatting', 'am i speaking',
    'is this a', 'is this an', 'is this chat',
    'behind this', 'who am i', 'can the chatbot', 'can the bot', 'does the chatbot', 'on weekends',
    'at weekends', 'on the weekend', 'opening hours', 'is someone watching', 'is anyone watching',
    'is someone reading', 'is anyone reading', 'is a human reading', 'are there people', 'are there humans',
    'is this conversation', 'who am i talking', 'would you call yourself', 'do you consider yourself',
    'are these answers', 'do humans', 'what are you', 'do you speak', 'run by', 'monitored by',
    "I'm not asking", 'you sound like', 'do you think you are', 'are you better', 'hiring', 'recruiting',
    'apply for a job',
    'if you are', 'whether you are', 'if this is', 'whether this is', 'if i am talking', 'if i am chatting',
    'if i am speaking', 'whether i am talking', 'whether i am chatting', 'whether i am speaking',
    'you are human', 'you are not a', 'how long', 'wait time', 'waiting time',
    'waiting times',
    'tweet', 'twitter',
    'reading these', 'reading this',
  ],
  questionOpeners: ['do i need to', 'do i have to'],
  falseFriends: [
    'human error', 'human rights', 'human nature', 'human readable', 'user agent', 'travel agent',
    'travel agents', 'real estate', 'estate agent', 'estate agents', 'insurance agent', 'secret agent',
    'agent of change', 'operator precedence', 'tour operator', 'mobile operator', 'mobile operators',
    'network operator', 'per person', 'password manager', 'package manager', 'manager account',
    'manager role', 'agent account', 'agent role', 'agent seats', 'coffee machine', 'ticket machine',
    'washing machine', 'vending machine', 'card machine', 'parking machine', 'atm machine',
    'machine learning', "I'm not a robot", "I'm not a bot", 'automatic renewal', 'automatic payment',
    'automatic payments', 'automated payments', 'automatic updates', "don't mind",
    'this person', 'that person',
  ],
  conjunctions: ['and', 'but'],
  topicMarkers: ['about', 'regarding', 'concerning', 're'],
  fillers: [
    'a', 'an', 'the', 'to', 'me', 'my', 'your', 'you', 'i', 'we', 'us', 'some', 'one', 'with',
    'now', 'asap', 'just', 'hey', 'right', 'away', 'immediately', 'urgent', 'urgently',
    'really', 'actually',
  ],
  complaints: [
    'you do not understand', 'you are not understanding', 'you do not get it', 'you are not listening',
    'you are not answering', 'you keep', 'in circles', 'are you even', 'same answer', 'waste of time',
    'waste of my time', "that's not an answer", 'not an answer', 'asked three times', 'asked twice',
    'explained this', 'said that three times', 'going nowhere', 'getting nowhere', 'losing my patience',
    'lost my patience', 'same thing over and over', 'repeating yourself', 'read my messages',
    'reading my messages', 'no idea what',
    "haven't answered", 'did not answer', 'not answering my question', 'going round in circles',
    'I give up', 'so bad at', 'none of your answers', 'nothing you say', 'you clearly',
    'need something else', 'wasting my time', 'answers are wrong',
    'answers are completely wrong', 'none of this helps', 'reading what i write',
    'third time',
  ],
  insults: [
    'useless', 'pointless', 'unhelpful', 'stupid', 'dumb', 'terrible', 'worst', 'ridiculous', 'frustrating',
    'not helping', 'not helpful', 'no help', 'not getting it', 'garbage', 'rubbish', 'idiot',
    'fed up', 'had enough', 'wasted', 'makes no sense', 'make any sense', 'not making sense', 'does not help',
    'not helping at all', "can't believe how bad",
  ],
  assistant: [
    'you', 'this', 'assistant', 'an ai', 'the ai', 'answer', 'answers', 'reply', 'replies', 'response',
    'responses',
  ],
  roles: [
    'reception', 'receptionist', 'front desk', 'desk', 'concierge', 'billing', 'accounts', 'accounting',
    'finance', 'payments', 'sales team', 'salesperson', 'restaurant', 'kitchen', 'housekeeping', 'pharmacy',
    'pharmacist', 'nurse', 'doctor', 'gp', 'clinic', 'surgery', 'lab', 'claims', 'returns', 'refunds', 'fraud',
    'loans', 'mortgage', 'branch', 'account manager', 'colleague', 'employee', 'department', 'office',
    'reservations', 'bookings', 'logistics', 'delivery team', 'warehouse', 'legal', 'complaints', 'engineer',
    'consultant', 'coordinator', 'handler', 'night manager', 'duty manager', 'store manager', 'hr',
  ],
  machines: [
    'machine', 'computer', 'program', 'software', 'automated', 'automatic', 'virtual assistant', 'algorithm',
    'bots', 'robots', 'machines', 'an ai', 'the ai', 'ai assistant',
  ],
  refusals: [
    "won't", 'refuse', 'not going to', 'done with', "I'm done", 'tired of', 'fed up with', 'sick of',
    'enough with', 'enough of', 'no more', 'rather not', 'stop',
  ],
  refusalVerbs: [
    'give', 'share', 'type', 'tell', 'explain', 'discuss', 'trust', 'enter', 'deal with', 'send', 'rely on',
    'typing', 'giving', 'sharing', 'telling', 'explaining', 'discussing', 'trusting', 'entering', 'sending',
    'putting',
  ],
  addressee: ['you'],
  cannotHelp: [
    "can't help", 'cannot help', "can't assist", 'cannot assist', 'unable to help', 'not able to help',
    'unable to assist', "don't have that information", "don't have information", "don't have any information",
    "don't have access", "don't have the details", "don't know", "can't answer", 'cannot answer',
    'unable to answer', 'not able to answer', "can't do that", 'cannot do that', "can't find", "couldn't find",
    'could not find', 'outside what I can', 'beyond what I can', 'not something I can', "I'm not able to",
    "I'm unable to", 'I have no information',
  ],
  pushback: [
    "that doesn't help", "that didn't help", 'not helpful', 'no help', 'useless', 'pointless', 'come on',
    'what now', 'now what', 'then what', 'so what do I do', 'what am I supposed to do', 'what do I do now',
    'why not', 'who can', 'then who', 'are you kidding', "you're kidding", 'not good enough', 'that sucks',
    'ugh', 'seriously', "that's it", 'thanks for nothing', "so you can't", 'so you cannot', 'but I need',
    'I still need',
  ],
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
    'humano', 'humanos', 'ser humano', 'persona real', 'persona de verdad', 'agente', 'agentes', 'operador',
    'operadora', 'representante', 'asesor', 'asesora', 'atención al cliente', 'atención humana',
    'servicio al cliente', 'soporte técnico', 'ejecutivo', 'alguien ahí', 'hay alguien ahí', 'soporte humano',
    'devuélveme la llamada', 'que me devuelvan la llamada', 'devolver la llamada',
    'alguien más', 'otra persona', 'otro agente', 'no sea un robot', 'no sea un bot', 'no sea una máquina',
  ],
  vaguePeople: [
    'persona', 'alguien', 'encargado', 'gerente', 'supervisor', 'jefe', 'ventas', 'soporte',
    'equipo', 'especialista', 'técnico', 'un comercial', 'quién',
    'vendedor', 'vendedores',
  ],
  reachVerbs: [
    'hablar', 'comunicar', 'comunicarme', 'comuníqueme', 'pásame', 'páseme', 'pasas', 'pasar', 'transferir',
    'transfiérame', 'contactar', 'llamar', 'conectar', 'número de teléfono', 'línea directa', 'llámame',
    'llámenme', 'ponme', 'póngame', 'ponme en contacto', 'atienda', 'atender', 'cómo contacto', 'cómo llamo',
    'cómo escribo a', 'cómo hablo', 'a quién llamo', 'con quién hablo',
    'conectarme', 'conectarse', 'contacte', 'habla con', 'ponerme en contacto', 'llamada de',
  ],
  weakReachVerbs: ['contacto'],
  wants: ['quiero', 'quisiera', 'necesito', 'me gustaría', 'prefiero', 'necesita'],
  politeness: ['por favor', 'porfa', 'porfavor'],
  presence: ['hay', 'disponible', 'algún'],
  negations: ['no', 'nadie', 'nunca', 'sin', 'ni'],
  notARequest: [
    'qué idiomas hablan', 'qué idiomas habla', 'eres', 'estoy hablando', 'el chatbot puede', 'fin de semana',
    'alguien está viendo',
    'hay alguien viendo', 'alguien lee', 'hay gente detrás', 'hay personas detrás', 'este chat lo',
    'con quién estoy hablando', 'te considerarías', 'te consideras', 'estas respuestas', 'qué eres', 'hablas',
    'lo lleva', 'lo revisan', 'lo revisa', 'no estoy pidiendo', 'no pido', 'pareces', 'te crees',
    'eres mejor', 'contratando', 'postularme',
    'si estoy hablando', 'cuánto tiempo', 'tiempo de espera', 'cuánto hay que esperar',
    'cuánto tengo que esperar',
    'tuitear', 'tuitea', 'twitter', 'tweet',
    'leyendo este', 'leyendo esto', 'lee esto',
  ],
  questionOpeners: NONE,
  falseFriends: [
    'recursos humanos', 'error humano', 'derechos humanos', 'agente inmobiliario', 'agentes inmobiliarios',
    'agente de viajes', 'agentes de viajes', 'por persona', 'persona jurídica', 'persona física',
    'operador móvil', 'operadores móviles', 'operador de telefonía', 'máquina de café', 'máquina expendedora',
    'no soy un robot', 'cajero automático', 'pago automático', 'débito automático', 'renovación automática',
    'no me importa', 'agente de IA', 'agentes de IA', 'agente IA',
    'esta persona', 'esa persona',
  ],
  conjunctions: ['y', 'pero'],
  topicMarkers: ['sobre', 'acerca de', 'respecto a', 'respecto de'],
  fillers: [
    'un', 'una', 'el', 'la', 'los', 'con', 'a', 'al', 'de', 'del', 'me', 'mi', 'ya', 'ahora', 'hola', 'que',
  ],
  complaints: [
    'no me entiendes', 'no entiendes', 'no sirves', 'no me estás ayudando', 'no me ayudas',
    'pérdida de tiempo', 'eso no es una respuesta', 'no es una respuesta', 'te lo he dicho',
    'te lo he explicado', 'no llego a ninguna parte', 'no lleva a ningún sitio', 'perdiendo la paciencia',
    'no tienes ni idea', 'lo mismo una y otra vez', 'repites lo mismo', 'no has contestado', 'no contestas',
    'lees mis mensajes', 'me rindo',
    'dando vueltas', 'necesito otra cosa', 'ninguna de tus respuestas', 'tus respuestas',
    'no lleva a ninguna parte', 'no vamos a ninguna parte', 'esto no avanza', 'damos vueltas',
  ],
  insults: [
    'inútil', 'tonto', 'estúpido', 'basura', 'ridículo', 'absurdo', 'patético', 'el peor', 'estoy harto',
    'me harté', 'hasta las narices', 'no tiene sentido', 'esto no sirve',
  ],
  assistant: ['robot', 'esto', 'eres', 'respuesta', 'respuestas'],
  roles: [
    'recepción', 'recepcionista', 'conserje', 'conserjería', 'facturación', 'cobros', 'contabilidad',
    'finanzas',
    'pagos', 'comercial', 'vendedor', 'restaurante', 'cocina', 'limpieza', 'farmacia', 'farmacéutico',
    'enfermera', 'enfermero', 'médico', 'doctor', 'clínica', 'laboratorio', 'siniestros', 'devoluciones',
    'reembolsos', 'fraude', 'préstamos', 'hipotecas', 'director', 'sucursal', 'gestor', 'compañero', 'personal',
    'empleado', 'departamento', 'oficina', 'reservas', 'logística', 'reparto', 'almacén', 'legal',
    'reclamaciones', 'tramitador', 'coordinador', 'mostrador',
  ],
  machines: [
    'máquina', 'programa', 'ia', 'automático', 'automáticas', 'automáticos', 'asistente virtual',
    'computadora', 'ordenador', 'bots', 'robots', 'máquinas',
  ],
  refusals: [
    'me niego', 'no pienso', 'basta de', 'harto de', 'cansado de', 'ya no', 'nada de', 'no más', 'deja de',
  ],
  refusalVerbs: [
    'dar', 'doy', 'compartir', 'escribir', 'contar', 'explicar', 'confiar', 'fío', 'poner', 'tratar',
  ],
  addressee: ['contigo', 'ti', 'tú'],
  cannotHelp: [
    'no puedo ayudar', 'no puedo ayudarte', 'no puedo ayudarle', 'no tengo esa información',
    'no tengo información', 'no tengo acceso', 'no lo sé', 'no sé', 'no puedo responder',
    'no puedo contestar', 'no puedo hacer eso', 'no encuentro', 'no he encontrado', 'no dispongo',
    'no estoy en condiciones',
  ],
  pushback: [
    'no sirve', 'no ayuda', 'no me ayuda', 'inútil', 'y ahora qué', 'y ahora', 'entonces qué hago',
    'qué hago ahora', 'qué se supone que haga', 'por qué no', 'quién puede', 'en serio', 'me tomas el pelo',
    'vaya ayuda', 'gracias por nada', 'pues vaya', 'pero necesito', 'sigo necesitando', 'entonces quién',
  ],
  realWords: ['pagar', 'contrato'],
  aliases: {},
};

const french: EscalationLexicon = {
  people: [
    'humain', 'humains', 'être humain', 'vrai humain', 'vraie personne', 'personne réelle', 'conseiller',
    'conseillère', 'agent', 'agents', 'opérateur', 'opératrice', 'service client', 'service clientèle',
    'support technique', 'service commercial', 'rappelé', 'rappel', 'représentant', 'représentante',
    'interlocuteur', 'vrai personne', 'support humain', 'être rappelé', "il y a quelqu'un", "quelqu'un là",
    "quelqu'un d'autre", 'une autre personne', 'un autre conseiller', 'pas un robot', 'pas un bot',
    'pas une machine',
  ],
  vaguePeople: [
    'personne', "quelqu'un", 'qui', 'responsable', 'équipe', 'un commercial', 'technicien', 'supérieur',
  ],
  reachVerbs: [
    'parler', 'discuter', 'échanger', 'contacter', 'joindre', 'en relation', 'en contact', 'passez-moi',
    'transférez-moi', 'transférer', 'appeler', 'rappeler', 'numéro de téléphone', 'ligne directe',
    'appelez-moi', 'rappelez-moi', 'mettez-moi en relation', 'comment contacter', 'comment joindre',
    'comment appeler', 'comment écrire à', 'qui appeler', 'à qui parler', 'à qui je parle', 'recontacter',
    'me recontacter',
    'passe-moi', 'transférez-moi', 'transfère-moi',
  ],
  weakReachVerbs: ['passer'],
  wants: [
    'veux', 'voudrais', 'souhaite', 'aimerais', 'besoin', 'puis-je', 'peux', 'demander', 'demande',
  ],
  politeness: ["s'il vous plaît", "s'il te plaît", 'svp', 'stp'],
  presence: ['y a-t-il', 'il y a', 'disponible'],
  negations: ['ne', 'n', 'pas', 'jamais', 'sans', 'aucun'],
  notARequest: [
    'quelles langues parlez', 'quelles langues parlent', 'est-ce que je parle', 'je parle à un bot',
    'je parle à un robot', 'ce chat est', 'cette discussion est', 'êtes-vous', 'es-tu', 'tu es', 'vous êtes',
    'suis-je', 'le chatbot peut', 'le week-end',
    "quelqu'un surveille", "quelqu'un lit", 'un humain lit', 'des gens derrière', 'à qui je parle',
    'tu te dirais', 'tu te considères', 'ces réponses', "qu'est-ce que tu es", 'tu es quoi', 'tu parles',
    'vous parlez', 'est surveillé', 'est géré', 'géré par', 'surveillé par', 'je ne demande pas',
    "tu as l'air", 'tu te crois', 'tu es meilleur', 'recrutez', 'postuler',
    'si je parle', 'combien de temps', "temps d'attente", "si c'est un robot",
    'tweet', 'twitter',
    'lit ce', 'lisent ce', 'lit mes messages',
  ],
  questionOpeners: NONE,
  falseFriends: [
    'ressources humaines', 'erreur humaine', "droits de l'homme", 'droits humains', 'agent immobilier',
    'agents immobiliers', 'agent de voyage', 'agence de voyage', 'par personne', 'opérateur mobile',
    'opérateurs mobiles', 'personne ne', "personne n'", 'machine à café', 'distributeur automatique',
    'prélèvement automatique', 'renouvellement automatique', 'je ne suis pas un robot',
    'ça ne me dérange pas', 'agent IA', 'agents IA',
    'cette personne',
  ],
  conjunctions: ['et'],
  topicMarkers: ['à propos', 'au sujet', 'concernant', 'sur'],
  fillers: [
    'un', 'une', 'le', 'la', 'les', 'l', 'à', 'au', 'avec', 'de', 'du', 'd', 'moi', 'me', 'm',
    'je', 'j', 'votre', 'maintenant', 'bonjour',
  ],
  complaints: [
    'tu ne comprends', 'vous ne comprenez', 'sers à rien', "tu ne m'aides pas",
    "vous ne m'aidez pas", 'perte de temps', "ce n'est pas une réponse", 'pas une réponse',
    "je l'ai dit", "je l'ai expliqué", 'ça ne mène nulle part', "je n'avance pas", 'perds patience',
    'aucune idée', 'tu te répètes', 'la même chose', "tu n'as répondu", 'lis mes messages',
    "j'abandonne", 'tu tournes en rond', 'veux plus te parler',
    'veux pas te parler', 'veux plus vous parler', 'veux pas vous parler', 'ne me comprends pas',
    'tu ne comprends pas', 'aucune de tes réponses', 'tes réponses sont', 'il me faut autre chose',
    'à côté de la question', 'même réponse',
    'on tourne en rond', 'ne mène à rien', 'nulle part',
  ],
  insults: [
    'nul', 'nulle', 'inutile', 'stupide', 'débile', 'ridicule', 'absurde', 'lamentable',
    'sert à rien', "n'importe quoi", 'aucun sens', 'ras le bol', "j'en ai marre", 'marre',
  ],
  assistant: ['tu', 'vous', 'robot', 'ça', 'c', 'réponse', 'réponses'],
  roles: [
    'réception', 'accueil', 'réceptionniste', 'concierge', 'conciergerie', 'facturation', 'comptabilité',
    'compta', 'finances', 'paiements', 'commerciaux', 'ventes', 'vendeur', 'restaurant', 'cuisine', 'ménage',
    'pharmacie', 'pharmacien', 'infirmière', 'infirmier', 'médecin', 'docteur', 'clinique', 'cabinet',
    'laboratoire', 'sinistres', 'retours', 'remboursements', 'fraude', 'prêts', 'crédit', 'directeur',
    'agence', 'gérant', 'collègue', 'personnel', 'employé', 'service', 'bureau', 'réservations', 'logistique',
    'livraison', 'entrepôt', 'juridique', 'réclamations', 'gestionnaire', 'chargé de clientèle', 'veilleur',
  ],
  machines: [
    'machine', 'ordinateur', 'logiciel', 'programme', 'ia', 'automatique', 'automatiques',
    'assistant virtuel', 'bots', 'robots', 'machines',
  ],
  refusals: [
    'refuse', 'pas question', "j'en ai marre", 'marre de', 'assez de', 'fini les', 'plus de', 'arrête',
    'stop',
  ],
  refusalVerbs: [
    'donner', 'donnerai', 'donne', 'partager', 'taper', 'raconter', 'expliquer', 'confier', 'confie',
    'mettre',
  ],
  addressee: ['toi', 'vous', 'avec toi'],
  cannotHelp: [
    'je ne peux pas vous aider', "je ne peux pas t'aider", 'je ne peux pas aider',
    "je n'ai pas cette information", "je n'ai pas d'information", "je n'ai pas accès", 'je ne sais pas',
    'je ne peux pas répondre', 'je ne peux pas faire', 'je ne trouve pas', "je n'ai pas trouvé",
    'pas en mesure', 'ne dispose pas',
  ],
  pushback: [
    "ça ne m'aide pas", "ça n'aide pas", 'inutile', 'nul', 'et maintenant', 'je fais quoi',
    'je fais comment', 'on fait quoi', 'pourquoi pas', 'qui peut', 'sérieux', 'sérieusement',
    'tu te moques', 'vous vous moquez', 'merci pour rien', 'super merci', "mais j'ai besoin",
    "j'ai toujours besoin", 'alors qui',
  ],
  realWords: ['argent', 'manger', 'changer', 'appelé', 'appelée', 'appelle'],
  aliases: { qqn: "quelqu'un" },
};

const german: EscalationLexicon = {
  people: [
    'Mensch', 'Menschen', 'Mitarbeiter', 'Mitarbeiterin', 'Berater', 'Beraterin', 'Kundenservice',
    'Kundendienst', 'Kundenbetreuung', 'Rückruf', 'Ansprechpartner', 'ruf mich zurück', 'Vorgesetzten',
    'Vorgesetzter', 'echte Person', 'echten Person', 'ist da jemand', 'ist da wer', 'jemand da',
    'menschlicher Mitarbeiter', 'menschlicher Support', 'menschlicher Ansprechpartner', 'menschliche Hilfe',
    'Hoteldirektor', 'Menschen sprechen', 'nem Menschen',
    'jemand anderen', 'jemand anderes', 'jemand anders', 'eine andere Person', 'einen anderen Mitarbeiter',
    'kein Bot ist', 'kein Roboter ist', 'keine Maschine ist',
  ],
  vaguePeople: [
    'Person', 'jemand', 'jemandem', 'jemanden', 'wem', 'Chef', 'Chefin', 'Vertrieb', 'Techniker', 'wen',
    'Verantwortlichen',
  ],
  reachVerbs: [
    'sprechen', 'reden', 'verbinden', 'weiterleiten', 'Weiterleitung', 'anrufen', 'zurückrufen',
    'kontaktieren', 'erreichen', 'Telefonnummer', 'Hotline', 'Durchwahl', 'durchstellen', 'durchgestellt',
    'ruf mich an', 'rufen Sie mich an', 'melden', 'in Kontakt', 'wie erreiche ich', 'wie kontaktiere ich',
    'wie rufe ich', 'wie schreibe ich', 'wen rufe ich', 'wie spreche ich', 'mit wem spreche ich',
    'zurückmelden', 'bei mir melden', 'spreche', 'rede', 'telefoniere', 'schick mich', 'schicken Sie mich',
    'holen Sie', 'hol mir', 'übergeben', 'Gespräch mit',
  ],
  weakReachVerbs: NONE,
  wants: [
    'möchte', 'ich will', 'brauche', 'hätte gerne', 'hätte gern', 'kann ich', 'könnte ich', 'braucht',
    'bekomme', 'bekommen',
  ],
  politeness: ['bitte'],
  presence: ['gibt es', 'verfügbar', 'erreichbar'],
  negations: ['kein', 'keine', 'keinen', 'nicht', 'nie', 'ohne', 'niemand'],
  notARequest: [
    'welche Sprachen sprechen', 'welche Sprachen spricht', 'bist du', 'bin ich', 'sind Sie ein',
    'ist das ein', 'kann der Chatbot', 'am Wochenende', 'schaut jemand',
    'liest jemand', 'liest ein Mensch', 'sitzen da', 'sitzen hinter', 'ist dieser Chat', 'wird dieser Chat',
    'würdest du dich', 'hältst du dich', 'diese Antworten', 'was bist du', 'sprichst du', 'betrieben',
    'überwacht', 'ich verlange nicht', 'verlange nicht', 'du klingst', 'bist du besser', 'stellen Sie ein',
    'stellen Sie Leute', 'stellen Sie noch',
    'bewerben',
    'ob du', 'ob das ein', 'ob ich mit einem Bot', 'wie lange', 'Wartezeit',
    'tweet', 'twitter',
    'lesen Menschen', 'diesen Chat mit', 'liest das',
  ],
  questionOpeners: ['spreche ich', 'rede ich', 'schreibe ich', 'chatte ich'],
  falseFriends: [
    'menschlicher Fehler', 'pro Person', 'ich bin kein Roboter', 'automatische Verlängerung',
    'automatische Zahlung', 'macht mir nichts aus', 'stört mich nicht', 'KI-Agent', 'KI-Agenten', 'mit nem',
    'mit ner', 'zu nem',
    'diese Person', 'dieser Person',
  ],
  conjunctions: ['und', 'aber'],
  topicMarkers: ['über', 'wegen', 'bezüglich', 'zum Thema'],
  fillers: [
    'mit', 'ein', 'eine', 'einem', 'einer', 'einen', 'dem', 'der', 'den', 'die', 'ich', 'mich',
    'mir', 'Ihrem', 'jetzt', 'sofort', 'an', 'zu',
  ],
  complaints: [
    'verstehst mich nicht', 'verstehst nichts', 'hilfst mir nicht',
    'Zeitverschwendung', 'das ist keine Antwort', 'keine Antwort', 'habe ich schon gesagt', 'dreimal gesagt',
    'fünfmal erklärt', 'das führt zu nichts', 'komme nicht weiter', 'verliere die Geduld', 'keine Ahnung',
    'immer dieselbe Antwort', 'wiederholst dich', 'liest du meine Nachrichten',
    'gebe auf', 'drehst dich im Kreis', 'verstehst du mich nicht',
    'verstehst meine Frage nicht', 'brauche etwas anderes', 'keine deiner Antworten',
    'verschwendest meine Zeit', 'gehst an der Frage vorbei', 'deine Antworten sind falsch',
    'keine einzige Frage', 'zwanzig Minuten verschwendet', 'komme ich nicht weiter', 'wozu ist dieser Chat',
    'drehen uns im Kreis', 'kommen nicht weiter', 'bringt uns nicht weiter',
  ],
  insults: [
    'nutzlos', 'dumm', 'dummer', 'blöd', 'blöder', 'sinnlos', 'unbrauchbar', 'lächerlich', 'absurd',
    'nutzloser',
    'bringt nichts', 'Nase voll', 'reicht mir', 'mir reicht', 'ergibt keinen Sinn', 'keine Hilfe',
  ],
  // Not "du" alone: French "du" is "of the".
  assistant: ['du bist', 'bist du', 'dich', 'dir', 'das', 'Antwort', 'Antworten'],
  roles: [
    'Rezeption', 'Empfang', 'Rezeptionist', 'Rezeptionistin', 'Concierge', 'Abrechnung', 'Buchhaltung',
    'Rechnungsabteilung', 'Finanzabteilung', 'Zahlungsverkehr', 'Verkauf', 'Verkäufer', 'Restaurant', 'Küche',
    'Zimmerservice', 'Apotheke', 'Apotheker', 'Pflegekraft', 'Krankenschwester', 'Arzt', 'Ärztin', 'Praxis',
    'Labor', 'Schadensabteilung', 'Retourenabteilung', 'Betrugsabteilung', 'Kreditabteilung', 'Filialleiter',
    'Filiale', 'Geschäftsführer', 'Kollege', 'Kollegin', 'Kollegen', 'Personal', 'Angestellten', 'Abteilung',
    'Team', 'Büro', 'Reservierung', 'Buchungsabteilung', 'Logistik', 'Lager', 'Rechtsabteilung',
    'Beschwerdestelle', 'Kundenbetreuer', 'Sachbearbeiter', 'Nachtportier', 'Hotline', 'Direktor', 'Leiter',
    'Manager',
  ],
  machines: [
    'Maschine', 'Computer', 'Programm', 'Software', 'KI', 'automatisch', 'automatische', 'automatischen',
    'Roboter', 'Bots', 'Maschinen', 'Bot',
  ],
  refusals: [
    'weigere mich', 'keine Lust', 'genug von', 'habe genug', 'Schluss mit', 'nicht mehr', 'satt', 'leid',
    'hör auf', 'stopp',
  ],
  refusalVerbs: [
    'gebe', 'geben', 'teile', 'teilen', 'tippe', 'tippen', 'erzähle', 'erzählen', 'erkläre', 'erklären',
    'vertraue', 'vertrauen', 'anvertrauen', 'chatte',
  ],
  addressee: ['dir', 'dich', 'Ihnen'],
  cannotHelp: [
    'kann ich nicht helfen', 'kann ich leider nicht helfen', 'kann dir nicht helfen', 'kann ihnen nicht helfen',
    'kann ich ihnen nicht helfen', 'kann ich dir nicht helfen', 'diese information habe ich nicht',
    'habe ich keine information', 'habe keine information', 'keine informationen', 'habe keinen zugriff',
    'weiß ich nicht', 'weiss ich nicht', 'weiß ich leider nicht', 'kann ich nicht beantworten',
    'kann ich nicht sagen',
    'nicht in der lage', 'finde ich nicht', 'nicht gefunden',
  ],
  pushback: [
    'hilft nicht', 'hilft mir nicht', 'bringt nichts', 'nutzlos', 'und jetzt', 'was jetzt', 'was nun',
    'was soll ich jetzt', 'was mache ich jetzt', 'warum nicht', 'wer kann', 'ernsthaft', 'im ernst',
    'willst du mich verarschen', 'danke für nichts',
    'ich brauche aber', 'aber ich brauche', 'wer dann',
  ],
  realWords: ['verbunden'],
  aliases: {},
};

const portuguese: EscalationLexicon = {
  people: [
    'humano', 'ser humano', 'pessoa real', 'pessoa de verdade', 'atendente', 'atendentes',
    'atendimento humano', 'agente', 'operador', 'representante', 'consultor', 'consultora', 'suporte técnico',
    'tem alguém aí', 'alguém aí', 'suporte humano', 'retorna a ligação', 'retornar a ligação',
    'ligar de volta', 'me liguem de volta',
    'outra pessoa', 'outro atendente', 'alguém mais', 'não seja um robô', 'não seja um bot',
    'não seja uma máquina',
  ],
  vaguePeople: [
    'pessoa', 'alguém', 'quem', 'gerente', 'suporte', 'vendas', 'o comercial', 'equipe', 'responsável',
    'atendimento',
  ],
  reachVerbs: [
    'falar', 'conversar', 'transferir', 'transfere', 'transfira', 'passa', 'passar', 'ligar', 'liga',
    'em contato', 'atendido', 'linha direta', 'me liga', 'me liguem', 'contatar', 'contactar', 'atender',
    'atenda', 'falo', 'fale', 'como falo com', 'como ligo para', 'como contato', 'como entro em contato',
    'para quem eu ligo', 'com quem falo', 'me retornar', 'retornar',
  ],
  weakReachVerbs: ['contato'],
  wants: ['quero', 'queria', 'preciso', 'gostaria', 'precisa', 'desejo', 'desejava'],
  politeness: ['por favor', 'pfv'],
  presence: ['tem', 'disponível'],
  negations: ['não', 'ninguém', 'nunca', 'sem', 'nem'],
  notARequest: [
    'quais idiomas falam', 'que idiomas falam', 'que línguas falam', 'esse chat é', 'este chat é', 'você é',
    'estou falando', 'o chatbot pode', 'fim de semana', 'alguém está vendo', 'alguém lê',
    'um humano lê', 'tem gente por trás', 'tem pessoas por trás', 'com quem estou falando',
    'você se chamaria', 'você se considera', 'essas respostas', 'o que você é', 'você fala', 'vocês falam',
    'é monitorado', 'é feito por', 'monitorado por', 'não estou pedindo', 'não peço', 'você parece',
    'você se acha', 'você é melhor', 'contratando', 'candidatar',
    'se você é', 'se é um robô', 'se estou falando', 'quanto tempo', 'tempo de espera',
    'tweet', 'twitter',
    'lendo este', 'lendo esse', 'lê isso', 'lê este',
  ],
  questionOpeners: NONE,
  falseFriends: [
    'recursos humanos', 'direitos humanos', 'erro humano', 'agente imobiliário', 'agentes de viagens',
    'agência de viagens', 'por pessoa', 'pessoa jurídica', 'pessoa física', 'operadora de celular',
    'operadoras de celular', 'débito automático', 'renovação automática', 'caixa automático',
    'máquina de café', 'não sou um robô', 'não sou robô', 'não me importo', 'agente de IA', 'agentes de IA',
    'esta pessoa', 'essa pessoa',
  ],
  conjunctions: ['e', 'mas'],
  topicMarkers: ['sobre', 'a respeito', 'acerca de'],
  fillers: ['um', 'uma', 'o', 'a', 'com', 'de', 'do', 'da', 'me', 'para', 'pra', 'agora', 'já', 'olá', 'oi'],
  complaints: [
    'não entende', 'não está me ajudando', 'não me ajuda',
    'perda de tempo', 'isso não é resposta', 'não é resposta', 'já expliquei', 'não leva a lugar nenhum',
    'lugar nenhum', 'perdendo a paciência', 'não faz ideia', 'mesma coisa', 'fica repetindo', 'não respondeu',
    'lendo minhas mensagens', 'desisto', 'andando em círculos',
    'não me entende', 'preciso de outra coisa', 'nenhuma resposta', 'suas respostas', 'já falei isso',
    'já te falei', 'já falei três vezes',
    'não vamos a lugar nenhum', 'não sai do lugar',
  ],
  insults: [
    'inútil', 'burro', 'idiota', 'estúpido', 'ridículo', 'absurdo', 'o pior', 'não serve pra nada',
    'não serve para nada', 'não faz sentido', 'saco cheio', 'cansei',
  ],
  assistant: ['você', 'robô', 'isso', 'resposta', 'respostas'],
  roles: [
    'recepção', 'recepcionista', 'portaria', 'concierge', 'financeiro', 'cobrança', 'contabilidade',
    'pagamentos', 'comercial', 'vendedor', 'restaurante', 'cozinha', 'farmácia', 'farmacêutico', 'enfermeira',
    'enfermeiro', 'médico', 'clínica', 'consultório', 'laboratório', 'sinistros', 'trocas', 'devoluções',
    'reembolsos', 'fraudes', 'empréstimos', 'agência', 'colega', 'pessoal', 'funcionário', 'time', 'setor',
    'departamento', 'reservas', 'logística', 'entregas', 'estoque', 'jurídico', 'ouvidoria', 'atendimento',
    'analista', 'central',
  ],
  machines: [
    'máquina', 'programa', 'ia', 'automático', 'automáticas', 'automáticos', 'assistente virtual',
    'computador', 'robô', 'robôs', 'bots', 'máquinas',
  ],
  refusals: [
    'me recuso', 'chega de', 'cansei de', 'cansado de', 'farto de', 'não aguento', 'para de',
  ],
  refusalVerbs: [
    'dar', 'compartilhar', 'digitar', 'contar', 'explicar', 'confiar', 'confio', 'colocar', 'lidar',
  ],
  addressee: ['você', 'contigo', 'vc'],
  cannotHelp: [
    'não posso ajudar', 'não consigo ajudar', 'não tenho essa informação', 'não tenho informação',
    'não tenho acesso', 'não sei', 'não posso responder', 'não consigo responder', 'não posso fazer isso',
    'não encontrei', 'não consigo encontrar', 'não estou apto',
  ],
  pushback: [
    'não ajuda', 'não me ajuda', 'não serve', 'inútil', 'e agora', 'o que eu faço', 'o que faço agora',
    'por que não', 'quem pode', 'sério', 'tá de brincadeira', 'está de brincadeira', 'obrigado por nada',
    'mas eu preciso', 'ainda preciso', 'então quem',
  ],
  realWords: ['consultar', 'pagar', 'contrato', 'amar'],
  aliases: {},
};

const italian: EscalationLexicon = {
  people: [
    'umano', 'essere umano', 'persona vera', 'persona reale', 'operatore', 'operatrice', 'consulente',
    'addetto', 'assistenza clienti', 'servizio clienti', 'agente', 'richiamato', 'richiamata', "c'è qualcuno",
    'assistenza umana', 'essere richiamato', 'essere richiamata', 'richiamatemi',
    'qualcun altro', "un'altra persona", 'un altro operatore', 'non sia un bot', 'non sia un robot',
    'non sia una macchina',
  ],
  vaguePeople: [
    'persona', 'qualcuno', 'chi', 'responsabile', 'supporto', 'assistenza', 'ufficio commerciale', 'tecnico',
  ],
  reachVerbs: [
    'parlare', 'passami', 'passatemi', 'passi', 'passarmi', 'in contatto', 'contattare', 'chiamare',
    'richiamare', 'chattare', 'trasferire', 'numero di telefono', 'numero verde', 'linea diretta',
    'chiamatemi', 'chiamami', 'richiamatemi', 'mettetemi in contatto', 'sentire', 'come contatto',
    'come chiamo', 'come scrivo a', 'come parlo con', 'chi chiamo', 'con chi parlo', 'trasferiscimi',
    'trasferitemi', 'scambiare due parole', 'ricontattarmi',
    'trasferirmi', 'trasferire', 'richiamarmi', 'mi richiami', 'richiamare',
  ],
  weakReachVerbs: NONE,
  wants: ['voglio', 'vorrei', 'ho bisogno', 'posso avere', 'mi serve', 'serve'],
  politeness: ['per favore', 'per piacere'],
  presence: ["c'è", 'disponibile'],
  negations: ['non', 'nessuno', 'mai', 'senza', 'niente', 'nessun', 'nessuna'],
  notARequest: [
    'quali lingue parlano', 'quali lingue parlate', 'questa chat è', 'sei un', 'sei una', 'sei umano',
    'sto parlando', 'il chatbot può', 'nel weekend', 'fine settimana',
    'qualcuno sta guardando', 'qualcuno legge', 'un umano legge', 'ci sono persone dietro',
    'con chi sto parlando', 'ti definiresti', 'ti consideri', 'queste risposte', 'cosa sei', 'parli',
    'parlate', 'sto scrivendo', 'controllata da', 'gestita da', 'non sto chiedendo', 'non chiedo',
    'sei meglio', 'sembri', 'ti credi', 'assumendo', 'candidarmi',
    'se sei', 'se sto parlando', 'quanto tempo', 'tempo di attesa', "quanto c'è da aspettare",
    'tweet', 'twitter',
    'leggono questa', 'legge questa', 'legge i miei',
  ],
  questionOpeners: NONE,
  falseFriends: [
    'risorse umane', 'diritti umani', 'errore umano', 'agente immobiliare', 'agenzia di viaggi', 'a persona',
    'per persona', 'persona fisica', 'operatori telefonici', 'operatore telefonico', 'rinnovo automatico',
    'addebito automatico', 'macchina del caffè', 'non sono un robot', 'distributore automatico',
    'non mi dispiace', 'agente IA', 'agenti IA',
    'questa persona', 'quella persona',
  ],
  conjunctions: ['e', 'ed', 'ma'],
  topicMarkers: ['su', 'riguardo', 'a proposito', 'circa'],
  fillers: [
    'un', 'una', 'uno', 'il', 'lo', 'la', 'l', 'con', 'di', 'mi', 'me', 'ora', 'subito', 'ciao', 'salve',
  ],
  complaints: [
    'non capisci', 'non mi stai aiutando', 'non mi aiuti', 'servi a niente',
    'perdita di tempo', 'non è una risposta', "te l'ho detto", "l'ho detto", "l'ho spiegato",
    'non si va da nessuna parte', 'da nessuna parte', 'perdendo la pazienza', 'non ne hai idea',
    'le stesse cose', 'ripeti', 'non hai risposto', 'leggi i miei messaggi',
    'mi arrendo', 'giri in tondo', 'non mi capisci', 'mi serve altro',
    'nessuna delle tue risposte', 'le tue risposte', 'non cogli',
    'non porta a niente', 'non andiamo da nessuna parte', 'giriamo in tondo',
  ],
  insults: [
    'inutile', 'stupido', 'scemo', 'ridicolo', 'assurdo', 'serve a niente', 'non ha senso', 'scatole piene',
    'sono stufo',
  ],
  assistant: ['sei', 'questo', 'risposta', 'risposte'],
  roles: [
    'reception', 'receptionist', 'portiere', 'concierge', 'amministrazione', 'fatturazione', 'contabilità',
    'pagamenti', 'vendite', 'commerciale', 'venditore', 'ristorante', 'cucina', 'farmacia', 'farmacista',
    'infermiera', 'infermiere', 'medico', 'dottore', 'ambulatorio', 'studio medico', 'laboratorio', 'sinistri',
    'resi', 'rimborsi', 'antifrode', 'prestiti', 'mutui', 'direttore', 'filiale', 'gestore', 'collega',
    'personale', 'dipendente', 'ufficio', 'team', 'reparto', 'prenotazioni', 'logistica', 'consegne',
    'magazzino', 'reclami', 'perito', 'numero verde',
  ],
  machines: [
    'macchina', 'computer', 'programma', 'software', 'ia', 'automatico', 'automatiche', 'automatiche',
    'robot', 'bots', 'macchine',
  ],
  refusals: ['mi rifiuto', 'basta con', 'stufo di', 'stanco di', 'non ne posso più', 'smettila'],
  refusalVerbs: [
    'do i miei', 'do i dati', 'do il mio', 'do la mia', 'dare', 'condivido', 'condividere', 'scrivo',
    'scrivere', 'racconto', 'raccontare', 'spiego',
    'spiegare', 'affido', 'fido', 'mettere',
  ],
  addressee: ['ti', 'con te'],
  cannotHelp: [
    'non posso aiutarti', 'non posso aiutarla', 'non posso aiutare', 'non riesco ad aiutarti',
    'non ho questa informazione', 'non ho informazioni', 'non ho accesso', 'non lo so', 'non so',
    'non posso rispondere', 'non posso farlo', 'non trovo', 'non ho trovato', 'non sono in grado',
  ],
  pushback: [
    'non aiuta', 'non mi aiuta', 'non serve', 'inutile', 'e adesso', 'e ora', 'cosa faccio',
    'che faccio adesso', 'perché no', 'chi può', 'sul serio', 'ma dai', 'mi prendi in giro',
    'grazie per niente', 'ma ho bisogno', 'ho ancora bisogno', 'allora chi',
  ],
  realWords: ['detto', 'contratto', 'pagare'],
  aliases: {},
};

const dutch: EscalationLexicon = {
  // "mens" alone is also English "men's", so Dutch humans are matched with their article or adjective.
  people: [
    'een mens', 'echt mens', 'echte mens', 'echt persoon', 'echte persoon', 'medewerker', 'medewerkster',
    'klantenservice', 'klantendienst', 'teruggebeld', 'is daar iemand', 'iemand daar', 'is er iemand',
    'mens nodig', 'een mens nodig', 'menselijke ondersteuning', 'menselijke hulp', 'menselijke medewerker',
    'een echte persoon', 'echt persoontje', 'menselijk',
    'iemand anders', 'een ander persoon', 'een andere medewerker', 'geen bot is', 'geen robot is',
    'geen machine is',
  ],
  vaguePeople: ['persoon', 'iemand', 'wie', 'leidinggevende', 'verkoopafdeling', 'verkoop'],
  reachVerbs: [
    'spreken', 'praten', 'verbind', 'verbinden', 'doorverbinden', 'bellen', 'terugbellen', 'telefoonnummer',
    'directe lijn', 'bel me', 'mailen', 'doorzetten', 'in contact', 'contact opnemen', 'spreek',
    'hoe bereik ik', 'hoe bel ik', 'hoe mail ik', 'hoe neem ik contact', 'hoe spreek ik', 'met wie praat ik',
    'wie bel ik', 'overdragen aan', 'bereiken',
  ],
  weakReachVerbs: ['contact'],
  wants: ['ik wil', 'wil graag', 'mag ik', 'kan ik'],
  politeness: ['alstublieft', 'alsjeblieft', 'aub', 'graag'],
  presence: ['is er', 'beschikbaar'],
  negations: ['geen', 'niet', 'nooit', 'zonder', 'niemand'],
  notARequest: [
    'welke talen spreken', 'spreken jullie', 'ben jij', 'ben je', 'ben ik', 'is dit een', 'kan de chatbot',
    'in het weekend', 'kijkt er iemand',
    'leest er iemand', 'leest een mens', 'zitten er mensen', 'is deze chat', 'wordt deze chat',
    'zou je jezelf', 'vind je jezelf', 'deze antwoorden', 'wat ben jij', 'wat ben je', 'spreek je',
    'spreekt u', 'gedaan door', 'gecontroleerd door', 'ik vraag niet', 'vraag niet om', 'begrijp je',
    'ben je beter', 'lijk je', 'solliciteren', 'vacature', 'nemen jullie',
    'of je een', 'of u een', 'of ik met een', 'hoe lang', 'wachttijd',
    'tweet', 'twitter',
    'leest dit', 'lezen mensen', 'leest er een mens',
  ],
  questionOpeners: ['praat ik', 'spreek ik', 'chat ik'],
  falseFriends: [
    'per persoon', 'menselijke fout', 'automatische incasso', 'automatische verlenging', 'ik ben geen robot',
    'vind ik niet erg', 'geen probleem', 'AI-agent', 'AI-agents',
    'deze persoon', 'die persoon',
  ],
  conjunctions: ['maar'],
  topicMarkers: ['over', 'betreffende', 'omtrent', 'aangaande'],
  fillers: ['een', 'de', 'het', 'met', 'van', 'ik', 'me', 'mij', 'nu', 'even', 'hoi'],
  complaints: [
    'begrijpt me niet', 'begrijpt het niet', 'helpt me niet',
    'zonde van mijn tijd', 'dat is geen antwoord', 'geen antwoord', 'heb ik al gezegd', 'drie keer gezegd',
    'vijf keer uitgelegd', 'leidt nergens toe', 'kom niet verder', 'geduld raakt op', 'geen idee',
    'steeds hetzelfde', 'herhaalt jezelf', 'lees je mijn berichten', 'geef het op',
    'in rondjes', 'begrijp je me niet', 'begrijpt mijn vraag niet', 'heb iets anders nodig',
    'geen van je antwoorden', 'verspilt mijn tijd', 'je mist het punt',
    'niks van wat je zegt', 'geduld met jou', 'geen enkele vraag', 'slechtste chat',
    'leidt tot niets', 'draaien in rondjes', 'schiet niet op',
  ],
  insults: [
    'nutteloos', 'nutteloze', 'dom', 'domme', 'stom', 'stomme', 'belachelijk', 'absurd',
    'slaat nergens op', 'heeft geen zin', 'ben het zat', 'spuugzat', 'zinloos', 'nergens goed voor',
    'heb ik niks aan',
  ],
  // Not "je" alone: French "je" is "I".
  assistant: ['je bent', 'jij', 'dit', 'antwoord', 'antwoorden'],
  roles: [
    'receptie', 'receptionist', 'receptioniste', 'conciërge', 'facturatie', 'boekhouding', 'financiën',
    'financiële afdeling', 'betalingen', 'verkoper', 'verkopers', 'restaurant', 'keuken', 'apotheek',
    'apotheker', 'verpleegkundige', 'arts', 'dokter', 'huisarts', 'praktijk', 'lab', 'schadeafdeling',
    'retourafdeling', 'fraudeafdeling', 'leningen', 'hypotheken', 'filiaalmanager', 'bedrijfsleider',
    'collega', 'personeel', 'werknemer', 'afdeling', 'team', 'kantoor', 'reserveringen', 'logistiek',
    'bezorgteam', 'magazijn', 'juridische afdeling', 'klachtenafdeling', 'accountmanager', 'adviseur',
    'schadebehandelaar', 'nachtportier', 'hulplijn',
  ],
  machines: [
    'machine', 'computer', 'programma', 'software', 'automatisch', 'automatische', 'robot', 'robots', 'bots',
    'met een ai', 'tegen een ai', 'geen ai', 'de ai',
  ],
  refusals: ['weiger', 'genoeg van', 'ben het zat', 'zat', 'beu', 'stop'],
  refusalVerbs: [
    'geef', 'geven', 'deel ik', 'deel mijn', 'delen', 'typ', 'typen', 'vertel', 'vertellen', 'uitleggen',
    'vertrouw',
    'toevertrouwen',
  ],
  addressee: ['jou', 'met je', 'tegen je', 'je niet', 'u'],
  cannotHelp: [
    'kan ik niet mee helpen', 'kan ik je niet mee helpen', 'kan ik u niet mee helpen', 'kan je niet helpen',
    'kan u niet helpen', 'die informatie heb ik niet', 'heb ik geen informatie', 'heb geen informatie',
    'heb geen toegang', 'weet ik niet', 'kan ik niet beantwoorden', 'kan ik niet zeggen', 'niet in staat',
    'kan ik niet vinden', 'niet gevonden',
  ],
  pushback: [
    'helpt niet', 'helpt me niet', 'heb ik niks aan', 'heb ik niets aan', 'nutteloos', 'en nu', 'wat nu',
    'wat moet ik nu', 'waarom niet', 'wie kan', 'serieus', 'meen je dat', 'bedankt voor niks',
    'maar ik heb', 'ik heb nog steeds', 'wie dan',
  ],
  realWords: NONE,
  aliases: {},
};

export const ESCALATION_LEXICONS: readonly EscalationLexicon[] = [
  loanwords, english, spanish, french, german, portuguese, italian, dutch,
];
