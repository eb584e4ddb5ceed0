"""Sentences from disposition messages: stock phrases that read cold (positive) and sentences that
do not (negative), in English, German, French, Spanish and Portuguese (review/wording.py).

``DEV_*`` was written first and the threshold chosen on it; ``HELD_*`` afterwards, without
looking at the scores. Every kinder alternative of the phrase table is a negative too: the
linter must not flag its own advice. ``python -m tests.cold_table`` prints precision and recall
per threshold and per language.
"""

from __future__ import annotations

# (language, sentence)
DEV_POSITIVE = [
    ("en", "Unfortunately, we have decided to move forward with other candidates."),
    ("en", "After careful consideration, we have decided not to proceed."),
    ("en", "We regret to inform you that your application was unsuccessful."),
    ("en", "The position has already been filled."),
    (
        "en",
        "We have decided to pursue other applicants whose profiles more closely match the role.",
    ),
    ("en", "Due to the high volume of applications, we cannot give individual feedback."),
    ("en", "We will keep your CV on file and contact you should a suitable vacancy arise."),
    ("en", "We wish you every success in your future endeavours."),
    ("en", "Regrettably, your experience does not meet our requirements."),
    ("en", "After carefull consideration we went with another candidate."),
    ("de", "Leider haben wir uns für einen anderen Bewerber entschieden."),
    (
        "de",
        "Nach sorgfältiger Prüfung Ihrer Unterlagen müssen wir Ihnen leider mitteilen, dass wir Sie nicht berücksichtigen können.",
    ),
    ("de", "Wir bedauern, Ihnen mitteilen zu müssen, dass die Stelle bereits besetzt ist."),
    ("de", "Für Ihren weiteren beruflichen Werdegang wünschen wir Ihnen alles Gute."),
    ("de", "Aufgrund der Vielzahl an Bewerbungen können wir keine Einzelrückmeldung geben."),
    ("de", "Diese Entscheidung stellt keine Wertung Ihrer Qualifikation dar."),
    ("fr", "Nous avons le regret de vous informer que votre candidature n'a pas été retenue."),
    ("fr", "Après un examen attentif de votre candidature, nous avons choisi un autre profil."),
    ("fr", "Le poste a déjà été pourvu."),
    ("fr", "Nous vous souhaitons plein succès dans vos recherches."),
    ("fr", "Nous conservons votre CV dans notre base de données pour de futures opportunités."),
    ("fr", "Malheureusement, nous avons décidé de poursuivre avec d'autres candidats."),
    ("es", "Lamentamos informarle que hemos decidido continuar con otros candidatos."),
    ("es", "Tras una cuidadosa consideración, su candidatura no ha sido seleccionada."),
    ("es", "El puesto ya ha sido cubierto."),
    ("es", "Guardaremos su currículum en nuestra base de datos."),
    ("es", "Le deseamos mucho éxito en su búsqueda de empleo."),
    ("pt", "Lamentamos informar que decidimos seguir com outros candidatos."),
    ("pt", "Após uma análise cuidadosa, seu perfil não foi selecionado."),
    ("pt", "A vaga já foi preenchida."),
    ("pt", "Manteremos seu currículo em nosso banco de talentos."),
    ("pt", "Desejamos sucesso em sua carreira."),
]

DEV_NEGATIVE = [
    ("en", "Thank you for the time you put into the take-home exercise."),
    ("en", "This time we will not be moving forward with your application for this role."),
    ("en", "Your notes on the incident review were the best I have read this year."),
    (
        "en",
        "The role needs someone on site in Berlin from January, and you told us you are staying in Lisbon.",
    ),
    ("en", "We have decided to move forward with your application to the next round."),
    ("en", "I regret not meeting you in person."),
    ("en", "If you would like to talk about it, simply reply to this message."),
    ("en", "I hope the next step is a great one for you."),
    ("en", "We filled in the form you sent with your new address."),
    ("en", "Your application was a pleasure to read."),
    ("en", "We considered your portfolio carefully and loved the checkout redesign."),
    ("de", "Vielen Dank für Ihre Zeit und das offene Gespräch am Dienstag."),
    ("de", "Ihre Arbeit am Jahresabschluss bei Nordhafen hat uns beeindruckt."),
    ("de", "Die Stelle verlangt Erfahrung mit SAP S/4HANA, die Sie noch nicht haben."),
    ("de", "Wir haben uns über Ihre Bewerbung sehr gefreut."),
    ("de", "Gern bleiben wir in Kontakt, wenn Sie das möchten."),
    ("fr", "Merci pour le temps que vous avez consacré à l'étude de cas."),
    ("fr", "Votre refonte du site Shopify nous a beaucoup plu."),
    ("fr", "Le poste demande une présence à Lyon trois jours par semaine."),
    ("fr", "Nous avons choisi de vous rappeler pour un deuxième entretien."),
    ("es", "Gracias por el tiempo que dedicaste a la prueba técnica."),
    ("es", "Tu trabajo en el sistema de diseño nos pareció excelente."),
    ("es", "El puesto requiere disponibilidad para viajar cada mes."),
    ("es", "Hemos decidido continuar con tu candidatura a la siguiente fase."),
    ("pt", "Obrigado pelo tempo que dedicou ao desafio técnico."),
    ("pt", "Gostamos muito do redesenho do checkout que você fez na Farfetch."),
    ("pt", "A vaga exige inglês avançado para falar com clientes todos os dias."),
    ("pt", "Decidimos seguir com a sua candidatura para a próxima etapa."),
]

HELD_POSITIVE = [
    (
        "en",
        "We appreciate your interest, but we have chosen to proceed with other candidates at this time.",
    ),
    ("en", "After much deliberation, the team decided to go in a different direction."),
    ("en", "I'm sorry to inform you that we won't be offering you the role."),
    ("en", "Please note that this vacancy has now been filled."),
    ("en", "We received an overwhelming number of applications for this position."),
    ("en", "We'll keep your résumé on file for future openings."),
    ("en", "Best of luck with your job search!"),
    ("en", "Your application has not been successful on this occasion."),
    (
        "en",
        "We have decided to move forward with a candidate whose experience more closely matches our needs.",
    ),
    (
        "de",
        "Leider müssen wir Ihnen mitteilen, dass wir uns für eine andere Kandidatin entschieden haben.",
    ),
    ("de", "Nach eingehender Prüfung Ihrer Bewerbungsunterlagen haben wir uns anders entschieden."),
    ("de", "Die ausgeschriebene Stelle wurde bereits anderweitig besetzt."),
    ("de", "Wir wünschen Ihnen für Ihre berufliche Zukunft viel Erfolg und alles Gute."),
    ("de", "Ihre Unterlagen nehmen wir gerne in unseren Bewerberpool auf."),
    ("fr", "Nous sommes au regret de ne pouvoir donner une suite favorable à votre candidature."),
    ("fr", "Après mûre réflexion, nous avons retenu une autre candidature."),
    ("fr", "Nous vous informons que le poste est désormais pourvu."),
    ("fr", "Bonne continuation dans vos recherches d'emploi."),
    ("fr", "Votre profil ne correspond pas tout à fait à nos attentes."),
    ("es", "Sentimos comunicarle que su candidatura no ha sido seleccionada en esta ocasión."),
    ("es", "Después de un análisis detallado, hemos optado por otro perfil."),
    ("es", "La vacante ya ha sido cubierta por otro candidato."),
    ("es", "Le deseamos lo mejor en su futura carrera profesional."),
    ("es", "Conservaremos su CV para futuros procesos de selección."),
    ("pt", "Infelizmente, optamos por seguir com outro candidato neste momento."),
    ("pt", "Após criteriosa análise, sua candidatura não foi selecionada."),
    ("pt", "Informamos que a vaga já foi preenchida."),
    ("pt", "Seu currículo ficará em nosso banco de dados para futuras oportunidades."),
    ("pt", "Boa sorte na sua busca por novas oportunidades."),
]

HELD_NEGATIVE = [
    ("en", "Your talk on chaos experiments at the Valencia meetup was wonderful."),
    (
        "en",
        "We chose someone who has run payroll for a German company before; that is the one thing this role needs now.",
    ),
    ("en", "I'd be glad to introduce you to our data team, who are hiring in spring."),
    ("en", "Thank you for telling us so openly what you are looking for."),
    ("en", "The role has changed since we posted it: it now needs weekly travel to clients."),
    ("en", "We have decided to invite you to a final conversation with our CTO."),
    ("en", "I carefully considered the portfolio you sent and I loved the map project."),
    ("en", "You can reply to this email at any time; it reaches me directly."),
    ("de", "Ihre Idee für die digitale Belegablage hat unser Team begeistert."),
    ("de", "Für diese Stelle brauchen wir jemanden, der sofort anfangen kann."),
    ("de", "Ich melde mich bei Ihnen, sobald ich mit dem Team gesprochen habe."),
    ("de", "Danke, dass Sie sich die Zeit für das Gespräch genommen haben."),
    ("fr", "Votre newsletter de 85 000 abonnés est un vrai accomplissement."),
    ("fr", "Nous cherchons pour ce poste quelqu'un qui parle couramment allemand."),
    ("fr", "Je serais ravie de rester en contact avec vous."),
    ("fr", "Nous avons retenu votre candidature pour un second entretien."),
    ("es", "Tus entrevistas con usuarios en Brasil nos parecieron muy valiosas."),
    ("es", "Para este puesto necesitamos a alguien que conozca SAP desde el primer día."),
    ("es", "Si quieres, te cuento más sobre otros puestos que encajan contigo."),
    ("es", "Hemos decidido avanzar con tu candidatura a la entrevista final."),
    ("pt", "O design system que você criou é um trabalho impressionante."),
    ("pt", "Para esta vaga precisamos de alguém em Lisboa a partir de março."),
    ("pt", "Se quiser conversar sobre isso, é só responder a esta mensagem."),
    ("pt", "Decidimos avançar com a sua candidatura para a entrevista final."),
]

# Written after all tuning and run once: the fresh figure.
FRESH_POSITIVE = [
    ("en", "Unfortunately we've chosen to move ahead with another applicant for this role."),
    (
        "en",
        "Having carefully reviewed your application, we regret that we cannot offer you an interview.",
    ),
    ("de", "Wir haben uns nach reiflicher Überlegung für einen anderen Bewerber entschieden."),
    ("de", "Leider können wir Ihre Bewerbung nicht weiter berücksichtigen."),
    ("fr", "Malheureusement, votre candidature n'a pas été retenue pour ce poste."),
    ("fr", "Nous vous souhaitons bonne chance dans la suite de vos recherches."),
    ("es", "Lamentablemente hemos decidido seguir adelante con otros perfiles."),
    ("es", "Lamentamos comunicarte que la posición ya ha sido ocupada."),
    ("pt", "Infelizmente não daremos continuidade ao seu processo seletivo."),
    ("pt", "Desejamos muito sucesso nos seus próximos desafios profissionais."),
]
FRESH_NEGATIVE = [
    ("en", "The kitchen-sink demo you built in Go made the whole panel smile."),
    ("en", "We are moving forward with your application and would love to meet you on Thursday."),
    ("de", "Wir haben uns sehr über Ihre ausführliche Bewerbung gefreut."),
    ("de", "Die Stelle ist in Teilzeit, das passt leider nicht zu Ihrem Wunsch nach Vollzeit."),
    ("fr", "Votre candidature a été retenue pour la dernière étape."),
    ("fr", "J'ai beaucoup aimé votre projet de salon Sirha."),
    ("es", "Tu candidatura ha sido seleccionada para la siguiente fase."),
    ("es", "Nos encantó cómo explicaste tu proyecto de pagos."),
    ("pt", "Sua candidatura foi selecionada para a próxima fase."),
    ("pt", "Adorámos a forma como conduziu as entrevistas com utilizadores."),
]


def kinder_sentences() -> list[tuple[str, str]]:
    from review.wording import cold_phrase_table

    return [(p.lang, p.kinder) for p in cold_phrase_table()]


def measure(positive, negative, threshold: float) -> dict:
    from review.wording import cold_phrases

    tp = sum(bool(cold_phrases(s, threshold=threshold)) for _l, s in positive)
    fp_list = [s for _l, s in negative if cold_phrases(s, threshold=threshold)]
    fn_list = [s for _l, s in positive if not cold_phrases(s, threshold=threshold)]
    fp = len(fp_list)
    return {
        "threshold": threshold,
        "tp": tp,
        "fp": fp,
        "fn": len(fn_list),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / len(positive) if positive else 1.0,
        "false_positives": fp_list,
        "misses": fn_list,
    }


if __name__ == "__main__":
    for name, pos, neg in (
        ("development", DEV_POSITIVE, DEV_NEGATIVE + kinder_sentences()),
        ("held-out", HELD_POSITIVE, HELD_NEGATIVE),
        ("fresh (after tuning)", FRESH_POSITIVE, FRESH_NEGATIVE),
    ):
        if not pos:
            continue
        print(f"{name}: {len(pos)} cold sentences, {len(neg)} others")
        for threshold in (80, 82, 84, 86, 88, 90, 92):
            r = measure(pos, neg, threshold)
            print(
                f"  threshold {threshold}: precision {r['precision']:.2f}  recall {r['recall']:.2f}  "
                f"(missed {r['fn']}, false alarms {r['fp']})"
            )
        from review.wording import COLD_THRESHOLD

        r = measure(pos, neg, COLD_THRESHOLD)
        for s in r["misses"]:
            print("   missed:", s)
        for s in r["false_positives"]:
            print("   false alarm:", s)
