"""The 19 categories of information that art. 10 of Law 31.13 names for proactive
publication, in the law's order, as the data migration loads them. The Arabic names are
the law's own words (Bulletin officiel, Arabic edition); French and English follow the
official French translation. ``item`` is the category's rank among art. 10's items."""

CATEGORIES = [
    (1, "الاتفاقيات التي تم الشروع في مسطرة الانضمام إليها أو المصادقة عليها",
     "Les conventions dont la procédure d'adhésion ou de ratification a été engagée",
     "Conventions whose accession or ratification procedure has begun"),
    (2, "النصوص التشريعية والتنظيمية",
     "Les textes législatifs et réglementaires",
     "Legislative and regulatory texts"),
    (3, "مشاريع القوانين",
     "Les projets de loi",
     "Government bills"),
    (4, "مشاريع قوانين المالية والوثائق المرفقة بها",
     "Les projets de loi de finances et les documents qui leur sont annexés",
     "Draft finance laws and the documents attached to them"),
    (5, "مقترحات القوانين التي يتقدم بها أعضاء البرلمان",
     "Les propositions de loi présentées par les membres du Parlement",
     "Private members' bills tabled by members of Parliament"),
    (6, "ميزانيات الجماعات الترابية، والقوائم المحاسبية والمالية المتعلقة بتسيير هذه الجماعات "
        "وبوضعيتها المالية",
     "Les budgets des collectivités territoriales et les états comptables et financiers relatifs "
     "à leur gestion et à leur situation financière",
     "Budgets of territorial collectivities, and the accounting and financial statements on "
     "their management and financial situation"),
    (7, "مهام المؤسسة أو الهيئة المعنية وهياكلها الإدارية، والمعلومات الضرورية من أجل الاتصال بها",
     "Les missions de l'institution ou de l'organisme concerné, ses structures administratives "
     "et les informations nécessaires pour le contacter",
     "The body's missions and administrative structures, and the information needed to "
     "contact it"),
    (8, "الأنظمة والمساطر والدوريات والدلائل التي يستخدمها موظفو المؤسسة أو الهيئة أو مستخدموها "
        "في أداء مهامهم",
     "Les règlements, procédures, circulaires et guides utilisés par les fonctionnaires ou "
     "agents de l'institution ou de l'organisme dans l'exercice de leurs fonctions",
     "The regulations, procedures, circulars and guides the body's staff use in performing "
     "their duties"),
    (9, "قائمة الخدمات التي تقدمها المؤسسة أو الهيئة للمرتفقين، بما فيها قوائم الوثائق والبيانات "
        "والمعلومات المطلوبة بقصد الحصول على خدمة أو وثيقة أو بطاقة إدارية رسمية والخدمات "
        "الإلكترونية المرتبطة بها",
     "La liste des services rendus aux usagers, y compris les listes des documents, données et "
     "informations requis pour obtenir un service, un document ou une carte administrative "
     "officielle, et les services électroniques qui y sont liés",
     "The list of services offered to users, including the documents, data and information "
     "required to obtain a service, document or official administrative card, and the related "
     "e-services"),
    (10, "حقوق وواجبات المرتفق تجاه المؤسسة أو الهيئة المعنية، وطرق التظلم المتاحة له",
     "Les droits et devoirs de l'usager envers l'institution ou l'organisme concerné et les "
     "voies de recours dont il dispose",
     "Users' rights and duties towards the body, and the remedies available to them"),
    (11, "شروط منح التراخيص والأذونات وشروط منح رخص الاستغلال",
     "Les conditions d'octroi des licences, des autorisations et des permis d'exploitation",
     "Conditions for granting licences, authorisations and operating permits"),
    (12, "النتائج المفصلة لمختلف المحطات الانتخابية",
     "Les résultats détaillés des différentes échéances électorales",
     "Detailed results of the various elections"),
    (13, "البرامج التوقعية للصفقات العمومية ونتائجها إذا تم إنجازها وحائزوها ومبالغها",
     "Les programmes prévisionnels des marchés publics, leurs résultats une fois réalisés, "
     "leurs attributaires et leurs montants",
     "Forecast programmes of public procurement, their results once carried out, the winning "
     "bidders and the amounts"),
    (14, "برامج مباريات التوظيف والامتحانات المهنية، والإعلانات الخاصة بنتائجها",
     "Les programmes des concours de recrutement et des examens professionnels et les avis de "
     "leurs résultats",
     "Programmes of recruitment competitions and professional examinations, and announcements "
     "of their results"),
    (15, "الإعلانات الخاصة بفتح باب الترشيح لشغل مناصب المسؤولية والمناصب العليا ولائحة "
         "المترشحين المقبولين للتباري بشأنها ونتائجها",
     "Les avis d'appel à candidatures aux postes de responsabilité et aux emplois supérieurs, la "
     "liste des candidats admis à concourir et les résultats",
     "Calls for applications for positions of responsibility and senior posts, the list of "
     "candidates admitted to compete, and the results"),
    (16, "التقارير والبرامج والبلاغات والدراسات المتوفرة لدى المؤسسة أو الهيئة",
     "Les rapports, programmes, communiqués et études dont dispose l'institution ou l'organisme",
     "Reports, programmes, communiqués and studies held by the body"),
    (17, "الإحصائيات الاقتصادية والاجتماعية",
     "Les statistiques économiques et sociales",
     "Economic and social statistics"),
    (18, "المعلومات المتعلقة بالشركات لا سيما تلك الممسوكة لدى مصالح السجل التجاري المركزي",
     "Les informations relatives aux sociétés, notamment celles détenues par les services du "
     "registre central du commerce",
     "Information on companies, in particular that held by the central commercial register"),
    (19, "المعلومات التي تضمن التنافس الحر والنزيه والمشروع",
     "Les informations garantissant la concurrence libre, loyale et légale",
     "Information that guarantees free, fair and lawful competition"),
]


def article_item(number: int) -> str:
    """How the law cites the category: art. 10, its item ``number``."""
    return f"art. 10 ({number})"
