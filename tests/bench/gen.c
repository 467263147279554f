/*
 * gen.c - the benchmark's corpus generator (issue 8, SPEC 9).
 *
 *   gen -n N [-seed S] -o DIR [-strings DIR]
 *
 * writes DIR/folio.yaml, DIR/_strings/<lang>.yaml (copied from -strings,
 * default articles/_strings) and N article ids laid out as <id>/<lang>.md:
 * a French original of about 5 KB and translations into nl, en, de, ar and
 * tr.  The same N and seed always give the same bytes.
 *
 * What the corpus looks like, and why:
 *  - every id has a French original; for each other language about 10% of
 *    translations are missing and about 10% are stale (translated_from
 *    names an `updated` earlier than the original's), the rest current;
 *  - a translation has the same block structure as its original (headings,
 *    paragraphs, lists, tables, links), because the text banks below are
 *    parallel: sentence k of each language says the same thing, so the
 *    plan of an id is drawn once and rendered in every language;
 *  - bodies use ## and ### headings (never #, never a skipped level),
 *    emphasis, bullet and numbered lists, GFM tables now and then,
 *    `article:` links to other ids and ordinary https links;
 *  - every date is valid, none is after FOLIO_TODAY=2026-11-28, and none is
 *    due for review by then, so `folio validate` exits 0 with no finding.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { FR, NL, EN, DE, AR, TR, NLANG };
static const char *const lang_code[NLANG] = { "fr", "nl", "en", "de", "ar", "tr" };

#define NTOPIC 12
#define NASPECT 8
#define NSENT 20
#define NHEAD 12
#define NH3 4
#define NITEM 10
#define NROW 5
#define NSUM 4
#define NLINKTXT 4

/* Dates: months since year 0, plus a day (0: month precision). */
#define MONTH(y, m) ((y) * 12 + (m) - 1)
static const int first_month = MONTH(2024, 2);	/* + 36 months > today */
static const int last_month = MONTH(2026, 10);	/* < today (2026-11-28) */
static const int floor_month = MONTH(2024, 1);

/* ---- the text banks (parallel across languages) ---------------------- */

static const char *const topic_slug[NTOPIC] = {
	"cancer-du-sein", "cancer-du-poumon", "cancer-colorectal",
	"cancer-de-la-prostate", "lymphome", "leucemie", "melanome",
	"cancer-du-pancreas", "cancer-de-l-ovaire", "myelome-multiple",
	"cancer-de-la-vessie", "cancer-du-rein",
};

static const char *const aspect_slug[NASPECT] = {
	"traitements", "chimiotherapie", "radiotherapie", "immunotherapie",
	"diagnostic", "effets-secondaires", "suivi", "alimentation",
};

static const char *const topic[NLANG][NTOPIC] = {
	{ "Cancer du sein", "Cancer du poumon", "Cancer colorectal",
	  "Cancer de la prostate", "Lymphome", "Leucémie", "Mélanome",
	  "Cancer du pancréas", "Cancer de l'ovaire", "Myélome multiple",
	  "Cancer de la vessie", "Cancer du rein" },
	{ "Borstkanker", "Longkanker", "Dikkedarmkanker", "Prostaatkanker",
	  "Lymfoom", "Leukemie", "Melanoom", "Alvleesklierkanker",
	  "Eierstokkanker", "Multipel myeloom", "Blaaskanker", "Nierkanker" },
	{ "Breast cancer", "Lung cancer", "Colorectal cancer",
	  "Prostate cancer", "Lymphoma", "Leukaemia", "Melanoma",
	  "Pancreatic cancer", "Ovarian cancer", "Multiple myeloma",
	  "Bladder cancer", "Kidney cancer" },
	{ "Brustkrebs", "Lungenkrebs", "Darmkrebs", "Prostatakrebs", "Lymphom",
	  "Leukämie", "Melanom", "Bauchspeicheldrüsenkrebs", "Eierstockkrebs",
	  "Multiples Myelom", "Blasenkrebs", "Nierenkrebs" },
	{ "سرطان الثدي", "سرطان الرئة", "سرطان القولون والمستقيم",
	  "سرطان البروستاتا", "اللمفوما", "اللوكيميا", "الورم الميلانيني",
	  "سرطان البنكرياس", "سرطان المبيض", "الورم النقوي المتعدد",
	  "سرطان المثانة", "سرطان الكلية" },
	{ "Meme kanseri", "Akciğer kanseri", "Kolorektal kanser",
	  "Prostat kanseri", "Lenfoma", "Lösemi", "Melanom",
	  "Pankreas kanseri", "Yumurtalık kanseri", "Multipl miyelom",
	  "Mesane kanseri", "Böbrek kanseri" },
};

static const char *const aspect[NLANG][NASPECT] = {
	{ "les traitements", "la chimiothérapie", "la radiothérapie",
	  "l'immunothérapie", "le diagnostic", "les effets secondaires",
	  "le suivi après les soins", "l'alimentation" },
	{ "de behandelingen", "chemotherapie", "radiotherapie",
	  "immunotherapie", "de diagnose", "bijwerkingen",
	  "opvolging na de behandeling", "voeding" },
	{ "treatments", "chemotherapy", "radiotherapy", "immunotherapy",
	  "diagnosis", "side effects", "follow-up care", "nutrition" },
	{ "die Behandlungen", "Chemotherapie", "Strahlentherapie",
	  "Immuntherapie", "die Diagnose", "Nebenwirkungen", "Nachsorge",
	  "Ernährung" },
	{ "العلاجات", "العلاج الكيميائي", "العلاج الإشعاعي", "العلاج المناعي",
	  "التشخيص", "الآثار الجانبية", "المتابعة بعد العلاج", "التغذية" },
	{ "tedaviler", "kemoterapi", "radyoterapi", "immünoterapi", "tanı",
	  "yan etkiler", "tedavi sonrası takip", "beslenme" },
};

/* "%s : %s" and its variants; a third %d for ids past the first round. */
static const char *const title_fmt[NLANG] = {
	"%s : %s", "%s: %s", "%s: %s", "%s: %s", "%s: %s", "%s: %s",
};

static const char *const summary[NLANG][NSUM] = {
	{ "Ce qu'il faut savoir avant, pendant et après les soins, expliqué simplement.",
	  "Les étapes du parcours, les effets possibles et des conseils pour le quotidien.",
	  "Une information relue par des médecins pour vous aider à préparer vos rendez-vous.",
	  "Les réponses aux questions les plus fréquentes des patients et de leurs proches." },
	{ "Wat je moet weten voor, tijdens en na de behandeling, eenvoudig uitgelegd.",
	  "De stappen van het traject, mogelijke effecten en tips voor het dagelijks leven.",
	  "Informatie nagelezen door artsen om je te helpen je afspraken voor te bereiden.",
	  "Antwoorden op de vragen die patiënten en hun naasten het vaakst stellen." },
	{ "What you need to know before, during and after treatment, explained simply.",
	  "The steps of your care, possible effects and tips for daily life.",
	  "Information reviewed by doctors to help you prepare for your appointments.",
	  "Answers to the questions patients and their families ask most often." },
	{ "Was Sie vor, während und nach der Behandlung wissen sollten, einfach erklärt.",
	  "Die Schritte der Behandlung, mögliche Wirkungen und Tipps für den Alltag.",
	  "Ärztlich geprüfte Informationen, die Ihnen helfen, Ihre Termine vorzubereiten.",
	  "Antworten auf die häufigsten Fragen von Betroffenen und Angehörigen." },
	{ "ما ينبغي معرفته قبل العلاج وأثناءه وبعده، بلغة بسيطة.",
	  "مراحل مسار العلاج والآثار المحتملة ونصائح للحياة اليومية.",
	  "معلومات راجعها أطباء لمساعدتك على التحضير لمواعيدك.",
	  "إجابات عن الأسئلة الأكثر تكرارًا لدى المرضى وأقاربهم." },
	{ "Tedaviden önce, tedavi sırasında ve sonrasında bilmeniz gerekenler, sade bir dille.",
	  "Tedavi sürecinin aşamaları, olası etkiler ve günlük yaşam için öneriler.",
	  "Randevularınıza hazırlanmanıza yardımcı olmak için doktorlarca gözden geçirilmiş bilgiler.",
	  "Hastaların ve yakınlarının en sık sorduğu sorulara yanıtlar." },
};

static const char *const sentence[NLANG][NSENT] = {
	{ "Le traitement est adapté à chaque personne, selon le type de cancer, son stade et l'état de santé général.",
	  "Votre équipe soignante vous explique les étapes prévues et répond à vos questions tout au long du parcours.",
	  "Certains effets indésirables apparaissent dès les premières semaines ; d'autres peuvent survenir plus tard.",
	  "Il est important de signaler rapidement toute fièvre, toute fatigue inhabituelle ou toute douleur nouvelle.",
	  "Les examens de suivi permettent de vérifier l'efficacité du traitement et d'ajuster les doses si nécessaire.",
	  "Une alimentation équilibrée et une activité physique adaptée aident souvent à mieux supporter les soins.",
	  "Le médecin traitant reste un interlocuteur précieux : il connaît votre histoire et peut coordonner les soins.",
	  "Les proches jouent un rôle essentiel, mais ils ont eux aussi besoin de soutien et d'information.",
	  "Dans la plupart des cas, le traitement se déroule en ambulatoire, sans nuit passée à l'hôpital.",
	  "La recherche progresse vite et de nouvelles options thérapeutiques sont évaluées dans des essais cliniques.",
	  "N'hésitez pas à demander un deuxième avis si vous en ressentez le besoin !",
	  "Chaque situation est différente : ce qui convient à une personne ne convient pas forcément à une autre.",
	  "Les séances durent en général entre 30 et 90 minutes, selon le protocole prévu.",
	  "Un **carnet de suivi** peut vous aider à noter vos symptômes, vos questions et les dates de vos rendez-vous.",
	  "Environ 60 % des patients ne ressentent que des effets légers ou modérés.",
	  "Les consultations ont lieu le matin, entre 8:30 et 12:00, du lundi au vendredi.",
	  "Le mot « rémission » désigne une diminution ou une disparition des signes de la maladie.",
	  "Parlez-en à votre équipe : des solutions existent pour *soulager la douleur* et les nausées.",
	  "Pourquoi ce traitement plutôt qu'un autre ? Votre médecin vous expliquera les raisons de ce choix.",
	  "Le dossier médical partagé permet à tous les soignants d'accéder aux mêmes informations." },
	{ "De behandeling wordt aangepast aan elke persoon, afhankelijk van het type kanker, het stadium en de algemene gezondheid.",
	  "Je zorgteam legt de geplande stappen uit en beantwoordt je vragen tijdens het hele traject.",
	  "Sommige bijwerkingen treden al in de eerste weken op; andere kunnen later ontstaan.",
	  "Het is belangrijk om koorts, ongewone vermoeidheid of nieuwe pijn snel te melden.",
	  "Controleonderzoeken tonen of de behandeling werkt en maken het mogelijk de dosis zo nodig aan te passen.",
	  "Een evenwichtige voeding en aangepaste lichaamsbeweging helpen vaak om de behandeling beter te verdragen.",
	  "Je huisarts blijft een waardevol aanspreekpunt: hij of zij kent je voorgeschiedenis en kan de zorg coördineren.",
	  "Naasten spelen een belangrijke rol, maar ook zij hebben steun en informatie nodig.",
	  "Meestal verloopt de behandeling ambulant, zonder overnachting in het ziekenhuis.",
	  "Het onderzoek gaat snel vooruit en nieuwe behandelingen worden getest in klinische studies.",
	  "Aarzel niet om een tweede mening te vragen als je daar behoefte aan hebt!",
	  "Elke situatie is anders: wat bij de ene persoon past, past niet altijd bij een ander.",
	  "Een sessie duurt meestal tussen 30 en 90 minuten, afhankelijk van het protocol.",
	  "Een **opvolgingsboekje** helpt je om klachten, vragen en de data van je afspraken te noteren.",
	  "Ongeveer 60% van de patiënten heeft slechts lichte of matige bijwerkingen.",
	  "De raadplegingen vinden 's ochtends plaats, tussen 8.30 en 12.00 uur, van maandag tot vrijdag.",
	  "Het woord “remissie” betekent dat de tekenen van de ziekte verminderd of verdwenen zijn.",
	  "Praat erover met je team: er bestaan oplossingen om *pijn te verlichten* en misselijkheid te verminderen.",
	  "Waarom deze behandeling en geen andere? Je arts legt je de redenen voor die keuze uit.",
	  "Via het gedeelde medisch dossier hebben alle zorgverleners toegang tot dezelfde informatie." },
	{ "Treatment is tailored to each person, depending on the type of cancer, its stage and general health.",
	  "Your care team explains the planned steps and answers your questions throughout your care.",
	  "Some side effects appear in the first weeks; others may occur later.",
	  "It is important to report any fever, unusual tiredness or new pain quickly.",
	  "Follow-up tests check whether the treatment is working and allow the doses to be adjusted if needed.",
	  "A balanced diet and suitable physical activity often help people cope better with treatment.",
	  "Your family doctor remains a valuable contact: they know your history and can coordinate your care.",
	  "Family and friends play an essential role, but they too need support and information.",
	  "In most cases, treatment is given as an outpatient, without a night in hospital.",
	  "Research is moving fast, and new treatment options are being evaluated in clinical trials.",
	  "Do not hesitate to ask for a second opinion if you feel the need!",
	  "Every situation is different: what suits one person does not necessarily suit another.",
	  "Sessions usually last between 30 and 90 minutes, depending on the planned protocol.",
	  "A **follow-up notebook** can help you write down your symptoms, your questions and your appointment dates.",
	  "About 60% of patients have only mild or moderate side effects.",
	  "Consultations take place in the morning, between 8:30 and 12:00, from Monday to Friday.",
	  "The word “remission” means that the signs of the disease have decreased or disappeared.",
	  "Talk to your team: there are ways to *relieve pain* and nausea.",
	  "Why this treatment rather than another? Your doctor will explain the reasons for this choice.",
	  "The shared medical record gives every member of the care team access to the same information." },
	{ "Die Behandlung wird an jede Person angepasst, je nach Krebsart, Stadium und allgemeinem Gesundheitszustand.",
	  "Ihr Behandlungsteam erklärt Ihnen die geplanten Schritte und beantwortet Ihre Fragen während der gesamten Therapie.",
	  "Manche Nebenwirkungen treten schon in den ersten Wochen auf; andere können später hinzukommen.",
	  "Melden Sie Fieber, ungewöhnliche Müdigkeit oder neue Schmerzen bitte rasch.",
	  "Kontrolluntersuchungen zeigen, ob die Behandlung wirkt, und erlauben es, die Dosis bei Bedarf anzupassen.",
	  "Eine ausgewogene Ernährung und angepasste Bewegung helfen oft, die Behandlung besser zu vertragen.",
	  "Ihre Hausärztin oder Ihr Hausarzt bleibt eine wichtige Ansprechperson: Sie kennen Ihre Vorgeschichte und können die Versorgung koordinieren.",
	  "Angehörige spielen eine wichtige Rolle, doch auch sie brauchen Unterstützung und Information.",
	  "Meist erfolgt die Behandlung ambulant, ohne Übernachtung im Krankenhaus.",
	  "Die Forschung macht rasche Fortschritte, und neue Therapien werden in klinischen Studien geprüft.",
	  "Zögern Sie nicht, eine zweite Meinung einzuholen, wenn Sie das Bedürfnis haben!",
	  "Jede Situation ist anders: Was für eine Person passt, passt nicht unbedingt für eine andere.",
	  "Eine Sitzung dauert in der Regel zwischen 30 und 90 Minuten, je nach Behandlungsplan.",
	  "Ein **Behandlungstagebuch** hilft Ihnen, Beschwerden, Fragen und Termine festzuhalten.",
	  "Etwa 60 % der Patientinnen und Patienten haben nur leichte oder mäßige Nebenwirkungen.",
	  "Die Sprechstunden finden vormittags statt, zwischen 8:30 und 12:00 Uhr, von Montag bis Freitag.",
	  "Das Wort „Remission“ bedeutet, dass die Krankheitszeichen zurückgegangen oder verschwunden sind.",
	  "Sprechen Sie mit Ihrem Team: Es gibt Möglichkeiten, *Schmerzen zu lindern* und Übelkeit zu verringern.",
	  "Warum gerade diese Behandlung? Ihre Ärztin oder Ihr Arzt erklärt Ihnen die Gründe für diese Wahl.",
	  "Über die elektronische Patientenakte haben alle Behandelnden Zugang zu denselben Informationen." },
	{ "يُكيَّف العلاج مع كل شخص بحسب نوع السرطان ومرحلته والحالة الصحية العامة.",
	  "يشرح لك فريق الرعاية الخطوات المقررة ويجيب عن أسئلتك طوال فترة العلاج.",
	  "تظهر بعض الآثار الجانبية منذ الأسابيع الأولى، وقد يظهر بعضها الآخر لاحقًا.",
	  "من المهم الإبلاغ بسرعة عن أي حمّى أو تعب غير معتاد أو ألم جديد.",
	  "تتيح فحوص المتابعة التحقق من فعالية العلاج وتعديل الجرعات عند الحاجة.",
	  "يساعد الغذاء المتوازن والنشاط البدني المناسب في كثير من الأحيان على تحمّل العلاج بشكل أفضل.",
	  "يبقى طبيب الأسرة مرجعًا قيّمًا: فهو يعرف تاريخك الصحي ويستطيع تنسيق الرعاية.",
	  "يؤدي الأقارب دورًا أساسيًا، لكنهم يحتاجون هم أيضًا إلى الدعم والمعلومات.",
	  "في أغلب الحالات يُعطى العلاج في العيادة الخارجية، دون المبيت في المستشفى.",
	  "يتقدم البحث العلمي بسرعة، وتُقيَّم خيارات علاجية جديدة في التجارب السريرية.",
	  "لا تتردد في طلب رأي طبي ثانٍ إذا شعرت بالحاجة إلى ذلك!",
	  "كل حالة مختلفة: ما يناسب شخصًا ما لا يناسب بالضرورة شخصًا آخر.",
	  "تستغرق الجلسة عادةً ما بين 30 و90 دقيقة، بحسب البروتوكول المقرر.",
	  "يمكن أن يساعدك **دفتر المتابعة** على تدوين أعراضك وأسئلتك ومواعيدك.",
	  "لا يعاني نحو 60٪ من المرضى إلا من آثار جانبية خفيفة أو متوسطة.",
	  "تُجرى الاستشارات صباحًا بين الساعة 8:30 و12:00، من الاثنين إلى الجمعة.",
	  "تعني كلمة «الهدأة» تراجع علامات المرض أو اختفاءها.",
	  "تحدّث إلى فريقك: هناك حلول *لتخفيف الألم* والغثيان.",
	  "لماذا هذا العلاج دون غيره؟ سيشرح لك طبيبك أسباب هذا الاختيار.",
	  "يتيح الملف الطبي المشترك لجميع مقدّمي الرعاية الاطلاع على المعلومات نفسها." },
	{ "Tedavi, kanserin türüne, evresine ve genel sağlık durumuna göre her kişiye özel olarak planlanır.",
	  "Bakım ekibiniz planlanan adımları açıklar ve tedavi süresince sorularınızı yanıtlar.",
	  "Bazı yan etkiler ilk haftalarda ortaya çıkar; diğerleri daha sonra görülebilir.",
	  "Ateş, olağandışı yorgunluk ya da yeni bir ağrı olduğunda bunu hemen bildirmeniz önemlidir.",
	  "Kontrol muayeneleri tedavinin işe yarayıp yaramadığını gösterir ve gerekirse dozun ayarlanmasını sağlar.",
	  "Dengeli beslenme ve uygun fiziksel etkinlik, tedaviye daha kolay dayanmanıza çoğu zaman yardımcı olur.",
	  "Aile hekiminiz değerli bir muhataptır: geçmişinizi bilir ve bakımınızı koordine edebilir.",
	  "Yakınlarınız önemli bir rol oynar, ancak onların da desteğe ve bilgiye ihtiyacı vardır.",
	  "Çoğu durumda tedavi ayakta yapılır ve hastanede gece kalmak gerekmez.",
	  "Araştırmalar hızla ilerliyor ve yeni tedavi seçenekleri klinik çalışmalarda değerlendiriliyor.",
	  "İhtiyaç duyarsanız ikinci bir görüş istemekten çekinmeyin!",
	  "Her durum farklıdır: bir kişiye uyan şey bir başkasına uymayabilir.",
	  "Seanslar, planlanan protokole göre genellikle 30 ile 90 dakika arasında sürer.",
	  "Bir **takip defteri**, belirtilerinizi, sorularınızı ve randevu tarihlerinizi not etmenize yardımcı olabilir.",
	  "Hastaların yaklaşık %60'ı yalnızca hafif ya da orta düzeyde yan etkiler yaşar.",
	  "Muayeneler pazartesiden cumaya, sabah 8:30 ile 12:00 arasında yapılır.",
	  "“Remisyon” sözcüğü, hastalık belirtilerinin azalması ya da kaybolması anlamına gelir.",
	  "Ekibinizle konuşun: *ağrıyı hafifletmek* ve bulantıyı azaltmak için çözümler vardır.",
	  "Neden başka bir tedavi değil de bu? Doktorunuz bu seçimin nedenlerini size açıklayacaktır.",
	  "Ortak sağlık kaydı sayesinde tüm sağlık çalışanları aynı bilgilere ulaşabilir." },
};

static const char *const heading[NLANG][NHEAD] = {
	{ "Comment se déroule le traitement ?", "Les effets indésirables possibles",
	  "Le suivi après le traitement", "Vivre au quotidien pendant les soins",
	  "Le rôle des proches", "Les examens avant de commencer",
	  "Quand faut-il consulter ?", "Ce que dit la recherche",
	  "Les questions à poser à votre médecin", "Alimentation et activité physique",
	  "Le soutien psychologique", "Les aides pratiques et financières" },
	{ "Hoe verloopt de behandeling?", "Mogelijke bijwerkingen",
	  "De opvolging na de behandeling", "Het dagelijks leven tijdens de behandeling",
	  "De rol van naasten", "Onderzoeken vóór de start",
	  "Wanneer raadpleeg je een arts?", "Wat het onderzoek zegt",
	  "Vragen voor je arts", "Voeding en lichaamsbeweging",
	  "Psychologische steun", "Praktische en financiële hulp" },
	{ "How does treatment work?", "Possible side effects",
	  "Follow-up after treatment", "Daily life during treatment",
	  "The role of family and friends", "Tests before starting",
	  "When should you see a doctor?", "What research says",
	  "Questions to ask your doctor", "Diet and physical activity",
	  "Psychological support", "Practical and financial help" },
	{ "Wie läuft die Behandlung ab?", "Mögliche Nebenwirkungen",
	  "Die Nachsorge", "Der Alltag während der Behandlung",
	  "Die Rolle der Angehörigen", "Untersuchungen vor Beginn",
	  "Wann sollten Sie ärztlichen Rat einholen?", "Was die Forschung sagt",
	  "Fragen an Ihre Ärztin oder Ihren Arzt", "Ernährung und Bewegung",
	  "Psychologische Unterstützung", "Praktische und finanzielle Hilfen" },
	{ "كيف يجري العلاج؟", "الآثار الجانبية المحتملة", "المتابعة بعد العلاج",
	  "الحياة اليومية أثناء العلاج", "دور الأقارب", "الفحوص قبل البدء",
	  "متى ينبغي استشارة الطبيب؟", "ما يقوله البحث العلمي",
	  "أسئلة تطرحها على طبيبك", "التغذية والنشاط البدني", "الدعم النفسي",
	  "المساعدات العملية والمالية" },
	{ "Tedavi nasıl yürütülür?", "Olası yan etkiler", "Tedavi sonrası takip",
	  "Tedavi sırasında günlük yaşam", "Yakınların rolü",
	  "Başlamadan önceki tetkikler", "Ne zaman doktora başvurmalı?",
	  "Araştırmalar ne diyor?", "Doktorunuza sorabileceğiniz sorular",
	  "Beslenme ve fiziksel etkinlik", "Psikolojik destek",
	  "Pratik ve maddi yardımlar" },
};

static const char *const heading3[NLANG][NH3] = {
	{ "En pratique", "Bon à savoir", "Pour les enfants et les adolescents", "Pour les personnes âgées" },
	{ "In de praktijk", "Goed om te weten", "Voor kinderen en jongeren", "Voor ouderen" },
	{ "In practice", "Good to know", "For children and teenagers", "For older people" },
	{ "In der Praxis", "Gut zu wissen", "Für Kinder und Jugendliche", "Für ältere Menschen" },
	{ "من الناحية العملية", "من المفيد أن تعرف", "للأطفال والمراهقين", "لكبار السن" },
	{ "Uygulamada", "Bilmekte yarar var", "Çocuklar ve gençler için", "Yaşlılar için" },
};

static const char *const item[NLANG][NITEM] = {
	{ "une fatigue plus marquée les jours qui suivent la séance",
	  "des nausées, le plus souvent bien contrôlées par les médicaments",
	  "une irritation de la peau au niveau de la zone traitée",
	  "une perte d'appétit passagère", "des troubles du sommeil",
	  "une baisse des globules blancs, surveillée par des prises de sang",
	  "des douleurs articulaires ou musculaires",
	  "une chute des cheveux, qui repoussent après le traitement",
	  "des fourmillements dans les mains ou les pieds",
	  "une sécheresse de la bouche" },
	{ "meer vermoeidheid in de dagen na een sessie",
	  "misselijkheid, meestal goed onder controle met medicijnen",
	  "huidirritatie in het behandelde gebied", "tijdelijk minder eetlust",
	  "slaapproblemen",
	  "een daling van de witte bloedcellen, opgevolgd met bloedonderzoek",
	  "gewrichts- of spierpijn",
	  "haaruitval; het haar groeit na de behandeling terug",
	  "tintelingen in handen of voeten", "een droge mond" },
	{ "greater tiredness in the days after a session",
	  "nausea, usually well controlled by medication",
	  "skin irritation in the treated area", "a temporary loss of appetite",
	  "sleep problems", "a drop in white blood cells, monitored by blood tests",
	  "joint or muscle pain", "hair loss; the hair grows back after treatment",
	  "tingling in the hands or feet", "a dry mouth" },
	{ "stärkere Müdigkeit in den Tagen nach einer Sitzung",
	  "Übelkeit, die sich meist gut mit Medikamenten behandeln lässt",
	  "Hautreizungen im behandelten Bereich", "vorübergehender Appetitverlust",
	  "Schlafstörungen",
	  "ein Absinken der weißen Blutkörperchen, das mit Blutuntersuchungen überwacht wird",
	  "Gelenk- oder Muskelschmerzen",
	  "Haarausfall; die Haare wachsen nach der Behandlung wieder",
	  "Kribbeln in Händen oder Füßen", "Mundtrockenheit" },
	{ "تعب أشد في الأيام التي تلي الجلسة", "غثيان يمكن السيطرة عليه غالبًا بالأدوية",
	  "تهيّج الجلد في المنطقة المعالَجة", "فقدان مؤقت للشهية", "اضطرابات النوم",
	  "انخفاض في خلايا الدم البيضاء يُراقَب بتحاليل الدم",
	  "آلام في المفاصل أو العضلات", "تساقط الشعر، ثم ينمو من جديد بعد العلاج",
	  "تنميل في اليدين أو القدمين", "جفاف الفم" },
	{ "seanstan sonraki günlerde artan yorgunluk",
	  "çoğunlukla ilaçlarla iyi kontrol edilen bulantı",
	  "tedavi edilen bölgede cilt tahrişi", "geçici iştah kaybı",
	  "uyku sorunları", "kan tahlilleriyle izlenen beyaz kan hücresi düşüşü",
	  "eklem ya da kas ağrıları",
	  "saç dökülmesi; saçlar tedaviden sonra yeniden çıkar",
	  "ellerde ya da ayaklarda karıncalanma", "ağız kuruluğu" },
};

static const char *const list_intro[NLANG] = {
	"Parmi les effets les plus fréquents, on peut citer :",
	"De meest voorkomende effecten zijn:",
	"The most common effects include:",
	"Zu den häufigsten Wirkungen gehören:",
	"ومن أكثر الآثار شيوعًا:",
	"En sık görülen etkiler şunlardır:",
};

static const char *const table_intro[NLANG] = {
	"Le tableau ci-dessous résume un calendrier type :",
	"De tabel hieronder vat een typisch schema samen:",
	"The table below sums up a typical schedule:",
	"Die folgende Tabelle fasst einen typischen Ablauf zusammen:",
	"يلخّص الجدول التالي جدولًا زمنيًا نموذجيًا:",
	"Aşağıdaki tablo tipik bir takvimi özetliyor:",
};

/* Row 0 is the header. */
static const char *const table[NLANG][NROW + 1][3] = {
	{ { "Étape", "Quand", "Durée" },
	  { "Consultation d'annonce", "Avant le traitement", "1 heure" },
	  { "Bilan sanguin", "Avant chaque cycle", "15 minutes" },
	  { "Séance de traitement", "Toutes les 3 semaines", "1 à 4 heures" },
	  { "Examen d'imagerie", "Tous les 3 mois", "30 minutes" },
	  { "Consultation de suivi", "Après chaque cycle", "20 minutes" } },
	{ { "Stap", "Wanneer", "Duur" },
	  { "Eerste gesprek", "Vóór de behandeling", "1 uur" },
	  { "Bloedonderzoek", "Vóór elke cyclus", "15 minuten" },
	  { "Behandelsessie", "Om de 3 weken", "1 tot 4 uur" },
	  { "Beeldvorming", "Om de 3 maanden", "30 minuten" },
	  { "Controleconsult", "Na elke cyclus", "20 minuten" } },
	{ { "Step", "When", "Duration" },
	  { "First consultation", "Before treatment", "1 hour" },
	  { "Blood test", "Before each cycle", "15 minutes" },
	  { "Treatment session", "Every 3 weeks", "1 to 4 hours" },
	  { "Imaging scan", "Every 3 months", "30 minutes" },
	  { "Follow-up visit", "After each cycle", "20 minutes" } },
	{ { "Schritt", "Wann", "Dauer" },
	  { "Aufklärungsgespräch", "Vor der Behandlung", "1 Stunde" },
	  { "Blutuntersuchung", "Vor jedem Zyklus", "15 Minuten" },
	  { "Behandlungssitzung", "Alle 3 Wochen", "1 bis 4 Stunden" },
	  { "Bildgebung", "Alle 3 Monate", "30 Minuten" },
	  { "Kontrolltermin", "Nach jedem Zyklus", "20 Minuten" } },
	{ { "المرحلة", "متى", "المدة" },
	  { "استشارة الإعلام بالتشخيص", "قبل العلاج", "ساعة واحدة" },
	  { "تحليل الدم", "قبل كل دورة", "15 دقيقة" },
	  { "جلسة العلاج", "كل 3 أسابيع", "من 1 إلى 4 ساعات" },
	  { "فحص التصوير", "كل 3 أشهر", "30 دقيقة" },
	  { "زيارة المتابعة", "بعد كل دورة", "20 دقيقة" } },
	{ { "Aşama", "Ne zaman", "Süre" },
	  { "İlk görüşme", "Tedaviden önce", "1 saat" },
	  { "Kan tahlili", "Her kürden önce", "15 dakika" },
	  { "Tedavi seansı", "3 haftada bir", "1-4 saat" },
	  { "Görüntüleme", "3 ayda bir", "30 dakika" },
	  { "Kontrol muayenesi", "Her kürden sonra", "20 dakika" } },
};

/* A sentence around an `article:` link: text, then id. */
static const char *const article_link_fmt[NLANG] = {
	"Pour en savoir plus, consultez [%s](article:%s).",
	"Meer weten? Lees [%s](article:%s).",
	"To find out more, read [%s](article:%s).",
	"Mehr dazu erfahren Sie in [%s](article:%s).",
	"لمعرفة المزيد، اطّلع على [%s](article:%s).",
	"Daha fazla bilgi için [%s](article:%s) sayfasına bakın.",
};

static const char *const link_text[NLANG][NLINKTXT] = {
	{ "notre fiche détaillée", "l'article consacré à ce sujet",
	  "les informations complémentaires", "la page dédiée" },
	{ "onze uitgebreide fiche", "het artikel over dit onderwerp",
	  "de aanvullende informatie", "de pagina hierover" },
	{ "our detailed guide", "the article on this topic",
	  "the additional information", "the dedicated page" },
	{ "unserem ausführlichen Merkblatt", "dem Artikel zu diesem Thema",
	  "den ergänzenden Informationen", "der entsprechenden Seite" },
	{ "دليلنا المفصّل", "المقال المخصص لهذا الموضوع", "المعلومات الإضافية",
	  "الصفحة المخصصة" },
	{ "ayrıntılı rehberimiz", "bu konudaki makale", "ek bilgiler",
	  "ilgili sayfa" },
};

/* A sentence around an ordinary link: text, then a path. */
static const char *const web_link_fmt[NLANG] = {
	"Des informations officielles sont aussi disponibles sur [le site de l'institut](https://www.example.org/ressources/%s).",
	"Officiële informatie vind je ook op [de website van het instituut](https://www.example.org/ressources/%s).",
	"Official information is also available on [the institute's website](https://www.example.org/ressources/%s).",
	"Offizielle Informationen finden Sie auch auf [der Website des Instituts](https://www.example.org/ressources/%s).",
	"تتوفر معلومات رسمية أيضًا على [موقع المعهد](https://www.example.org/ressources/%s).",
	"Resmî bilgilere [enstitünün web sitesi](https://www.example.org/ressources/%s) üzerinden de ulaşabilirsiniz.",
};

static const char *const role[NLANG][2] = {
	{ "oncologue", "infirmière coordinatrice" },
	{ "oncoloog", "coördinerend verpleegkundige" },
	{ "oncologist", "nurse coordinator" },
	{ "Onkologin", "Pflegekoordinatorin" },
	{ "طبيبة أورام", "ممرضة منسقة" },
	{ "onkolog", "koordinatör hemşire" },
};

static const char *const reviewer[] = {
	"Dr Claire Exemple", "Prof. Lucas Modèle", "Dr Amina Benali",
	"Dr Jan Peeters", "Dr Sophie Martin", "Prof. Mehmet Yılmaz",
	"Dr Anna Schmidt", "Dr Karim Haddad",
};
static const char *const affiliation[] = {
	"Hôpital universitaire de démonstration",
	"Institut de recherche de démonstration",
	"Centre d'oncologie de démonstration",
};
static const char *const translator[NLANG][2] = {
	{ "", "" },
	{ "Els Voorbeeld", "Pieter Janssens" },
	{ "Jane Sample", "John Example" },
	{ "Anna Beispiel", "Max Muster" },
	{ "Layla Mithal", "Omar Namudhaj" },
	{ "Ayşe Örnek", "Mehmet Deneme" },
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- small helpers ---------------------------------------------------- */

struct buf {
	char *p;
	size_t len, cap;
};

static void die(const char *what, const char *arg)
{
	fprintf(stderr, "gen: %s%s%s\n", what, arg ? ": " : "",
		arg ? arg : "");
	exit(2);
}

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 8192;

		while (b->len + n + 1 > cap)
			cap *= 2;
		b->p = realloc(b->p, cap);
		if (!b->p)
			die("out of memory", NULL);
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp))
		die("line too long", fmt);
	buf_add(b, tmp, (size_t)n);
}

/* A YAML double-quoted scalar. */
static void buf_quoted(struct buf *b, const char *s)
{
	buf_add(b, "\"", 1);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_add(b, "\\", 1);
		buf_add(b, s, 1);
	}
	buf_add(b, "\"", 1);
}

static void buf_date(struct buf *b, int month, int day)
{
	buf_printf(b, "%04d-%02d", month / 12, month % 12 + 1);
	if (day)
		buf_printf(b, "-%02d", day);
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		die(strerror(errno), path);
	if (fwrite(b->p, 1, b->len, f) != b->len || fclose(f) != 0)
		die("cannot write", path);
}

static void make_dir(const char *path)
{
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		die(strerror(errno), path);
}

/* splitmix64: small, fast, and the same everywhere. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int rnd(uint64_t *s, int n)
{
	return (int)(next(s) % (uint64_t)n);
}

static uint64_t stream(uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t s = seed ^ (a * 0xD1B54A32D192ED03ULL) ^ (b * 0xABC98388FB8FAC03ULL);

	next(&s);
	return s;
}

/* Fisher-Yates over 0..n-1. */
static void shuffle(uint64_t *s, int *v, int n)
{
	int i, j, t;

	for (i = 0; i < n; i++)
		v[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = rnd(s, i + 1);
		t = v[i];
		v[i] = v[j];
		v[j] = t;
	}
}

/* ---- one id: its plan, drawn once, rendered in every language --------- */

enum kind { B_PARA, B_H2, B_H3, B_LIST, B_OLIST, B_LISTINTRO, B_TABLE, B_TABLEINTRO };
enum link { L_NONE, L_ARTICLE, L_WEB };

#define MAXPICK 6
#define MAXBLOCK 96
#define MAXREL 4

struct block {
	enum kind kind;
	int pick[MAXPICK];	/* sentence, item or row indices; or a heading */
	int npick;
	enum link link;
	int link_target;	/* an id index */
	int link_text;
};

enum state { CURRENT, STALE, MISSING };

struct plan {
	int index, topic, aspect, round;
	struct block b[MAXBLOCK];
	int nb;
	int updated, updated_day;	/* the original's */
	int summary;
	int nrev, rev[2], rev_role[2], rev_aff[2];
	int related[MAXREL], nrel;
	int nsources;
	enum state state[NLANG];
	int tr_from[NLANG];	/* translated_from.updated (month) */
	int tr_updated[NLANG];
	int tr_slug[NLANG];
	int tr_ntrans[NLANG];
};

static void id_of(char *out, size_t size, int i)
{
	int t = i % NTOPIC, a = (i / NTOPIC) % NASPECT, r = i / (NTOPIC * NASPECT);

	if (r)
		snprintf(out, size, "%s-%s-%d", topic_slug[t], aspect_slug[a], r + 1);
	else
		snprintf(out, size, "%s-%s", topic_slug[t], aspect_slug[a]);
}

static int other_id(uint64_t *s, int self, int n)
{
	int t;

	if (n < 2)
		return self;
	do
		t = rnd(s, n);
	while (t == self);
	return t;
}

static struct block *add(struct plan *p, enum kind k)
{
	struct block *b;

	if (p->nb == MAXBLOCK)
		die("plan too long", NULL);
	b = &p->b[p->nb++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

/* A paragraph of lo..hi distinct sentences, maybe ending on a link. */
static void add_para(struct plan *p, uint64_t *s, int lo, int hi,
		     int article_pct, int web_pct, int n)
{
	struct block *b = add(p, B_PARA);
	int order[NSENT], r;

	shuffle(s, order, NSENT);
	b->npick = lo + rnd(s, hi - lo + 1);
	memcpy(b->pick, order, sizeof(int) * (size_t)b->npick);
	r = rnd(s, 100);
	if (r < article_pct && n > 1) {
		b->link = L_ARTICLE;
		b->link_target = other_id(s, p->index, n);
		b->link_text = rnd(s, NLINKTXT);
	} else if (r < article_pct + web_pct) {
		b->link = L_WEB;
	}
}

static void make_plan(struct plan *p, uint64_t seed, int i, int n)
{
	uint64_t s = stream(seed, (uint64_t)i + 1, 0);
	int heads[NHEAD], h3[NH3], nh3 = 0, nsec, k, j, tables = 0;
	struct block *b;

	memset(p, 0, sizeof(*p));
	p->index = i;
	p->topic = i % NTOPIC;
	p->aspect = (i / NTOPIC) % NASPECT;
	p->round = i / (NTOPIC * NASPECT);

	/* the body */
	add_para(p, &s, 2, 3, 70, 0, n);
	nsec = 4 + rnd(&s, 3);
	shuffle(&s, heads, NHEAD);
	shuffle(&s, h3, NH3);
	for (k = 0; k < nsec; k++) {
		b = add(p, B_H2);
		b->pick[0] = heads[k];
		add_para(p, &s, 3, 5, 25, 10, n);
		if (rnd(&s, 100) < 45) {
			int order[NITEM];

			add(p, B_LISTINTRO);
			b = add(p, rnd(&s, 100) < 20 ? B_OLIST : B_LIST);
			shuffle(&s, order, NITEM);
			b->npick = 3 + rnd(&s, 4);
			memcpy(b->pick, order, sizeof(int) * (size_t)b->npick);
		}
		if (rnd(&s, 100) < 60)
			add_para(p, &s, 2, 4, 20, 5, n);
		if (!tables && rnd(&s, 100) < 12) {
			int order[NROW];

			tables++;
			add(p, B_TABLEINTRO);
			b = add(p, B_TABLE);
			shuffle(&s, order, NROW);
			b->npick = 3 + rnd(&s, 3);
			memcpy(b->pick, order, sizeof(int) * (size_t)b->npick);
		}
		if (nh3 < NH3 && rnd(&s, 100) < 25) {
			b = add(p, B_H3);
			b->pick[0] = h3[nh3++];
			add_para(p, &s, 2, 4, 15, 10, n);
		}
	}
	add_para(p, &s, 1, 2, 100, 0, n);

	/* the frontmatter */
	p->updated = first_month + rnd(&s, last_month - first_month + 1);
	p->updated_day = rnd(&s, 100) < 30 ? 1 + rnd(&s, 28) : 0;
	p->summary = rnd(&s, NSUM);
	p->nrev = 1 + (rnd(&s, 100) < 40);
	for (k = 0; k < p->nrev; k++) {
		p->rev[k] = rnd(&s, (int)NELEM(reviewer));
		p->rev_role[k] = k;
		p->rev_aff[k] = rnd(&s, (int)NELEM(affiliation));
	}
	if (p->nrev == 2 && p->rev[1] == p->rev[0])
		p->rev[1] = (p->rev[0] + 1) % (int)NELEM(reviewer);
	p->nrel = 0;
	for (k = n > 1 ? 1 + rnd(&s, MAXREL) : 0; k > 0; k--) {
		int t = other_id(&s, i, n), dup = 0;

		for (j = 0; j < p->nrel; j++)
			dup |= p->related[j] == t;
		if (!dup)
			p->related[p->nrel++] = t;
	}
	p->nsources = rnd(&s, 100) < 40 ? 1 + rnd(&s, 2) : 0;

	/* the translations: each language draws from its own stream */
	for (k = 1; k < NLANG; k++) {
		uint64_t t = stream(seed, (uint64_t)i + 1, (uint64_t)k);
		int r = rnd(&t, 100), m;

		p->state[k] = r < 10 ? MISSING : r < 20 ? STALE : CURRENT;
		if (p->state[k] == STALE) {
			m = p->updated - 1 - rnd(&t, 12);
			p->tr_from[k] = m < floor_month ? floor_month : m;
			m = p->tr_from[k] + rnd(&t, 2);
		} else {
			p->tr_from[k] = p->updated;
			m = p->updated + rnd(&t, 3);
		}
		p->tr_updated[k] = m > last_month ? last_month : m;
		p->tr_slug[k] = rnd(&t, 100) < 20;
		p->tr_ntrans[k] = 1 + (rnd(&t, 100) < 25);
	}
}

static void render_body(struct buf *o, const struct plan *p, int l, int n)
{
	char id[128];
	int k, j, c;

	for (k = 0; k < p->nb; k++) {
		const struct block *b = &p->b[k];

		switch (b->kind) {
		case B_PARA:
			for (j = 0; j < b->npick; j++) {
				if (j)
					buf_add(o, " ", 1);
				buf_puts(o, sentence[l][b->pick[j]]);
			}
			if (b->link == L_ARTICLE && b->link_target < n) {
				id_of(id, sizeof(id), b->link_target);
				buf_add(o, " ", 1);
				buf_printf(o, article_link_fmt[l],
					   link_text[l][b->link_text], id);
			} else if (b->link == L_WEB) {
				id_of(id, sizeof(id), p->index);
				buf_add(o, " ", 1);
				buf_printf(o, web_link_fmt[l], id);
			}
			buf_puts(o, "\n\n");
			break;
		case B_H2:
			buf_printf(o, "## %s\n\n", heading[l][b->pick[0]]);
			break;
		case B_H3:
			buf_printf(o, "### %s\n\n", heading3[l][b->pick[0]]);
			break;
		case B_LISTINTRO:
			buf_printf(o, "%s\n\n", list_intro[l]);
			break;
		case B_LIST:
		case B_OLIST:
			for (j = 0; j < b->npick; j++) {
				if (b->kind == B_OLIST)
					buf_printf(o, "%d. ", j + 1);
				else
					buf_puts(o, "- ");
				buf_printf(o, "%s\n", item[l][b->pick[j]]);
			}
			buf_puts(o, "\n");
			break;
		case B_TABLEINTRO:
			buf_printf(o, "%s\n\n", table_intro[l]);
			break;
		case B_TABLE:
			for (j = -1; j < b->npick; j++) {
				int row = j < 0 ? 0 : b->pick[j] + 1;

				for (c = 0; c < 3; c++)
					buf_printf(o, "| %s ", table[l][row][c]);
				buf_puts(o, "|\n");
				if (j < 0)
					buf_puts(o, "| --- | --- | --- |\n");
			}
			buf_puts(o, "\n");
			break;
		}
	}
}

/* Returns the body's size in bytes. */
static size_t render_article(struct buf *o, const struct plan *p, int l, int n)
{
	char id[128], rel[128];
	int k, month;

	id_of(id, sizeof(id), p->index);
	o->len = 0;
	buf_printf(o, "---\nid: %s\nlang: %s\ntitle: ", id, lang_code[l]);
	{
		char title[512];
		int len = snprintf(title, sizeof(title), title_fmt[l],
				   topic[l][p->topic], aspect[l][p->aspect]);

		if (p->round && len > 0 && (size_t)len < sizeof(title))
			snprintf(title + len, sizeof(title) - (size_t)len,
				 " (%d)", p->round + 1);
		buf_quoted(o, title);
	}
	buf_puts(o, "\nsummary: ");
	buf_quoted(o, summary[l][p->summary]);
	buf_puts(o, "\n");
	if (l != FR && p->tr_slug[l])
		buf_printf(o, "slug: %s-%s\n", id, lang_code[l]);
	buf_puts(o, "section: espace-patients\nupdated: ");
	month = l == FR ? p->updated : p->tr_updated[l];
	buf_date(o, month, l == FR ? p->updated_day : 0);
	buf_puts(o, "\nreview_due: ");
	buf_date(o, month + 36, 0);
	buf_puts(o, "\n");
	if (l != FR) {
		buf_puts(o, "translated_from:\n  lang: fr\n  updated: ");
		if (p->state[l] == STALE)
			buf_date(o, p->tr_from[l], 0);
		else
			buf_date(o, p->updated, p->updated_day);
		buf_puts(o, "\ntranslators: [");
		for (k = 0; k < p->tr_ntrans[l]; k++) {
			if (k)
				buf_puts(o, ", ");
			buf_quoted(o, translator[l][k]);
		}
		buf_puts(o, "]\n");
	}
	buf_puts(o, "status: published\nreviewers:\n");
	for (k = 0; k < p->nrev; k++) {
		buf_puts(o, "  - name: ");
		buf_quoted(o, reviewer[p->rev[k]]);
		buf_puts(o, "\n    role: ");
		buf_quoted(o, role[l][p->rev_role[k]]);
		buf_puts(o, "\n    affiliation: ");
		buf_quoted(o, affiliation[p->rev_aff[k]]);
		buf_puts(o, "\n");
	}
	if (p->nrel) {
		buf_puts(o, "related: [");
		for (k = 0; k < p->nrel; k++) {
			id_of(rel, sizeof(rel), p->related[k]);
			buf_printf(o, "%s%s", k ? ", " : "", rel);
		}
		buf_puts(o, "]\n");
	}
	if (p->nsources) {
		buf_puts(o, "sources:\n");
		for (k = 0; k < p->nsources; k++)
			buf_printf(o, "  - title: \"%s (ressource de démonstration)\"\n"
				   "    url: https://www.example.org/%s/%s\n",
				   k ? "Essais cliniques en cours" :
				   "Recommandations de prise en charge",
				   k ? "essais" : "recommandations", id);
	}
	buf_puts(o, "---\n\n");
	k = (int)o->len;
	render_body(o, p, l, n);
	return o->len - (size_t)k;
}

static void copy_catalog(const char *from_dir, const char *to_dir, int l)
{
	char from[4096], to[4096], chunk[8192];
	struct buf b = { NULL, 0, 0 };
	FILE *f;
	size_t got;

	snprintf(from, sizeof(from), "%s/%s.yaml", from_dir, lang_code[l]);
	snprintf(to, sizeof(to), "%s/_strings/%s.yaml", to_dir, lang_code[l]);
	f = fopen(from, "rb");
	if (!f)
		die(strerror(errno), from);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, got);
	fclose(f);
	write_file(to, &b);
	free(b.p);
}

static void usage(void)
{
	fputs("usage: gen -n N [-seed S] -o DIR [-strings DIR]\n", stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	const char *out = NULL, *strings = "articles/_strings";
	char path[4096], id[128];
	struct buf b = { NULL, 0, 0 };
	struct plan *p;
	uint64_t seed = 1;
	long n = -1;
	size_t bytes = 0, body = 0, files = 0;
	int i, l, counts[3] = { 0, 0, 0 };

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "-n"))
			n = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-seed"))
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "-o"))
			out = argv[++i];
		else if (!strcmp(argv[i], "-strings"))
			strings = argv[++i];
		else
			usage();
	}
	if (n < 1 || n > 1000000 || !out)
		usage();

	make_dir(out);
	snprintf(path, sizeof(path), "%s/_strings", out);
	make_dir(path);
	for (l = 0; l < NLANG; l++)
		copy_catalog(strings, out, l);
	buf_puts(&b, "source_language: fr\nlanguages: [fr, nl, en, de, ar, tr]\n"
		 "review_months: 36\n");
	snprintf(path, sizeof(path), "%s/folio.yaml", out);
	write_file(path, &b);

	p = malloc(sizeof(*p));
	if (!p)
		die("out of memory", NULL);
	for (i = 0; i < n; i++) {
		make_plan(p, seed, i, (int)n);
		id_of(id, sizeof(id), i);
		snprintf(path, sizeof(path), "%s/%s", out, id);
		make_dir(path);
		for (l = 0; l < NLANG; l++) {
			if (l != FR) {
				counts[p->state[l]]++;
				if (p->state[l] == MISSING)
					continue;
			}
			body += render_article(&b, p, l, (int)n);
			snprintf(path, sizeof(path), "%s/%s/%s.md", out, id,
				 lang_code[l]);
			write_file(path, &b);
			bytes += b.len;
			files++;
		}
	}
	fprintf(stderr, "gen: %ld ids, %zu files, %.1f MiB, bodies %.1f KB on "
		"average, in %s (translations: %d current, %d stale, %d missing)\n",
		n, files, bytes / 1048576.0, body / 1024.0 / (double)files, out,
		counts[CURRENT], counts[STALE], counts[MISSING]);
	free(p);
	free(b.p);
	return 0;
}
