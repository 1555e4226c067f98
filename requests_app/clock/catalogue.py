"""The law as data: art. 7 exemptions, art. 18 refusal grounds, and the periods of
arts 16–21. Loaded by data migrations; a reform of the law adds rows, not code."""

# (code, paragraph, item, test, label_ar, label_fr, label_en)
# test: "absolute" (art. 7 para. 1, no test at all), "harm" (para. 2: إلحاق ضرر),
# "prejudice" (para. 3: الإخلال ب), "secrecy_law" (para. 3: confidential under a special law).
EXEMPTIONS = [
    ("national_defence", "1", "", "absolute",
     "الدفاع الوطني", "Défense nationale", "National defence"),
    ("state_security", "1", "", "absolute",
     "أمن الدولة الداخلي والخارجي", "Sûreté intérieure et extérieure de l'État",
     "Internal and external State security"),
    ("private_life", "1", "", "absolute",
     "الحياة الخاصة للأفراد أو المعطيات ذات الطابع الشخصي",
     "Vie privée des personnes ou données à caractère personnel",
     "Private life of individuals or personal data"),
    ("fundamental_rights", "1", "", "absolute",
     "المس بالحريات والحقوق الأساسية المنصوص عليها في الدستور",
     "Atteinte aux libertés et droits fondamentaux garantis par la Constitution",
     "Infringement of the fundamental rights and freedoms guaranteed by the Constitution"),
    ("sources_protection", "1", "", "absolute",
     "حماية مصادر المعلومات", "Protection des sources d'information",
     "Protection of sources of information"),
    ("foreign_relations", "2", "1", "harm",
     "العلاقات مع دولة أخرى أو مع منظمة دولية حكومية",
     "Relations avec un autre État ou une organisation internationale gouvernementale",
     "Relations with another State or an intergovernmental organisation"),
    ("economic_policy", "2", "2", "harm",
     "السياسة النقدية أو الاقتصادية أو المالية للدولة",
     "Politique monétaire, économique ou financière de l'État",
     "The State's monetary, economic or financial policy"),
    ("intellectual_property", "2", "3", "harm",
     "حقوق الملكية الصناعية أو حقوق المؤلف أو الحقوق المجاورة",
     "Droits de propriété industrielle, droits d'auteur ou droits voisins",
     "Industrial property rights, copyright or neighbouring rights"),
    ("victims_witnesses", "2", "4", "harm",
     "حقوق ومصالح الضحايا والشهود والخبراء والمبلغين (القانون رقم 37.10)",
     "Droits et intérêts des victimes, témoins, experts et dénonciateurs (loi n° 37.10)",
     "Rights and interests of victims, witnesses, experts and whistle-blowers (Law 37.10)"),
    ("special_secrecy_law", "3", "", "secrecy_law",
     "معلومات مشمولة بطابع السرية بمقتضى النصوص التشريعية الخاصة",
     "Informations couvertes par le secret en vertu de textes législatifs particuliers",
     "Information confidential under special legislation"),
    ("cabinet_deliberations", "3", "a", "prejudice",
     "سرية مداولات المجلس الوزاري ومجلس الحكومة",
     "Secret des délibérations du Conseil des ministres et du Conseil de gouvernement",
     "Confidentiality of the deliberations of the Council of Ministers and of Government"),
    ("administrative_investigations", "3", "b", "prejudice",
     "سرية الأبحاث والتحريات الإدارية",
     "Secret des enquêtes et investigations administratives",
     "Confidentiality of administrative investigations and inquiries"),
    ("judicial_proceedings", "3", "c", "prejudice",
     "سير المساطر القضائية والمساطر التمهيدية المتعلقة بها",
     "Déroulement des procédures judiciaires et des procédures préliminaires",
     "Conduct of judicial proceedings and related preliminary procedures"),
    ("fair_competition", "3", "d", "prejudice",
     "مبادئ المنافسة الحرة والمشروعة والنزيهة والمبادرة الخاصة",
     "Principes de concurrence libre, loyale et légale et d'initiative privée",
     "Principles of free, fair and lawful competition and of private initiative"),
]

# (code, item, requires, label_ar, label_fr, label_en)
# requires: what the reply must contain under art. 18 for that ground.
REFUSAL_GROUNDS = [
    ("not_available", 1, "",
     "عدم توفر المعلومات المطلوبة", "Information non disponible",
     "The information is not available"),
    ("exemption", 2, "exemption",
     "الاستثناءات المنصوص عليها في المادة 7", "Exceptions prévues à l'article 7",
     "An exception under article 7 applies"),
    ("already_published", 3, "publication_reference",
     "المعلومات منشورة ومتاحة للعموم", "Information déjà publiée et accessible au public",
     "The information is already published and publicly available"),
    ("repeated_request", 4, "earlier_request",
     "طلب قدم أكثر من مرة خلال نفس السنة من نفس الطالب لمعلومات سبق تقديمها له",
     "Demande répétée dans la même année par le même demandeur pour une information "
     "déjà fournie",
     "Same requester, same year, information already supplied"),
    ("unclear", 5, "",
     "طلب المعلومات غير واضح", "Demande non claire", "The request is unclear"),
    ("in_preparation", 6, "",
     "المعلومات لازالت في طور التحضير أو الإعداد",
     "Information en cours de préparation ou d'élaboration",
     "The information is still being prepared or drafted"),
    ("archived", 7, "",
     "المعلومات مودعة لدى مؤسسة «أرشيف المغرب»",
     "Information déposée auprès de l'institution « Archives du Maroc »",
     "The information is deposited with Archives du Maroc"),
]

# (period, length, unit, article) — DESIGN.md "The legal clock".
LEGAL_RULES = [
    ("answer_ordinary", 20, "working", "16"),
    ("extension_ordinary", 20, "working", "16"),
    ("answer_urgent", 3, "calendar", "17"),
    ("extension_urgent", 3, "calendar", "17"),
    ("complaint_head_filing", 20, "working", "19"),
    ("head_decision", 15, "calendar", "19"),
    ("complaint_commission_filing", 30, "calendar", "20"),
    ("commission_answer", 30, "calendar", "20"),
    ("court_appeal", 60, "calendar", "21"),
]
# Added with the appeals (migration requests_app 0019). The law sets no period for the
# answer to a request reopened by an upheld complaint (art. 19): the ordinary period of
# art. 16 is applied from the day of the head's decision. The Commission's internal rules
# (RI, BO 7340) set the notice of a session (art. 4, shorter if urgent) and the time
# within which a second session follows a failed quorum (art. 5).
APPEALS_RULES = [
    ("answer_after_complaint", 20, "working", "19"),
    ("session_notice", 8, "calendar", "RI 4"),
    ("session_notice_urgent", 1, "calendar", "RI 4"),
    ("second_session", 8, "calendar", "RI 5"),
]
# Added with the proactive register (migration requests_app 0019). The law sets no period
# for a body to answer a citizen's ask that it open a dataset: a body states its own
# (proactive.DatasetAskPolicy); one that has stated none answers within this one, counted
# like the ordinary answer to a request (art. 16), as the most a citizen would expect.
PROACTIVE_RULES = [
    ("dataset_ask_answer", 20, "working", "16"),
]
# Law 31.13 entered into force one year after publication (art. 30): 12 March 2019.
LAW_IN_FORCE = "2019-03-12"
# The Commission approved its internal rules on 29 December 2020 (published in BO 7340).
INTERNAL_RULES_APPROVED = "2020-12-29"
