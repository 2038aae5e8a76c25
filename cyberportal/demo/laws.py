"""Demo legislation: real laws of eleven states (titles, identifiers, years and official source links are
public facts) whose provision texts are short examples written for the demo and labelled as such,
mapped to the Budapest Convention so that the matrix, gap reports and search show variety in four
languages. One Brazilian article has two wordings (before and after Lei 14.155/2021) to show the
point-in-time view. Idempotent: laws are found by their FRBR work URI.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from cyberportal.accounts.models import User
from cyberportal.laws.models import Law, Provision, ProvisionMapping
from cyberportal.laws.services import moderation_workflow_ensure, thesaurus_load
from cyberportal.states.models import Article, State

EXAMPLE = " (example text written for the demo)"

# Each provision: (number, heading, example text, [(Budapest article, extent[, "unreviewed"])]).
LAWS = [
    {
        "state": "CO", "frbr": "/akn/co/act/2009/1273", "identifier": "Ley 1273 de 2009", "year": 2009,
        "enacted": "2009-01-05", "language": "es",
        "title": "Por medio de la cual se modifica el Código Penal, se crea un nuevo bien jurídico tutelado – "
        "denominado “de la protección de la información y de los datos” – y se preservan integralmente los "
        "sistemas que utilicen las tecnologías de la información y las comunicaciones, entre otras disposiciones",
        "title_en": "Amending the Penal Code to protect information and data",
        "source": "http://www.secretariasenado.gov.co/senado/basedoc/ley_1273_2009.html",
        "provisions": [
            ("269A", "Acceso abusivo a un sistema informático", "El que, sin autorización o por fuera de lo acordado, acceda en todo o en parte a un sistema informático protegido o no con una medida de seguridad, incurrirá en pena de prisión.", [("2", "full")]),
            ("269B", "Obstaculización ilegítima de sistema informático o red de telecomunicación", "El que, sin estar facultado para ello, impida u obstaculice el funcionamiento o el acceso normal a un sistema informático o a una red de telecomunicaciones incurrirá en pena de prisión.", [("5", "full")]),
            ("269C", "Interceptación de datos informáticos", "El que, sin orden judicial previa, intercepte datos informáticos en su origen, destino o en el interior de un sistema informático, o las emisiones electromagnéticas que los transporten, incurrirá en pena de prisión.", [("3", "full")]),
            ("269D", "Daño informático", "El que, sin estar facultado para ello, destruya, dañe, borre, deteriore, altere o suprima datos informáticos incurrirá en pena de prisión.", [("4", "full")]),
            ("269E", "Uso de software malicioso", "El que, sin estar facultado para ello, produzca, trafique, adquiera, distribuya, venda, envíe, introduzca o extraiga software malicioso u otros programas de computación de efectos dañinos incurrirá en pena de prisión.", [("6", "partial")]),
            ("269I", "Hurto por medios informáticos y semejantes", "El que, superando medidas de seguridad informáticas, realice la conducta de hurto manipulando un sistema informático incurrirá en las penas del hurto calificado.", [("8", "partial")]),
            ("269J", "Transferencia no consentida de activos", "El que, con ánimo de lucro y valiéndose de alguna manipulación informática, consiga la transferencia no consentida de cualquier activo en perjuicio de un tercero incurrirá en pena de prisión.", [("8", "full")]),
        ],
    },
    {
        "state": "BR", "frbr": "/akn/br/act/2012/12737", "identifier": "Lei nº 12.737, de 30 de novembro de 2012",
        "year": 2012, "enacted": "2012-11-30", "in_force": "2013-04-02", "language": "pt",
        "title": "Dispõe sobre a tipificação criminal de delitos informáticos; altera o Decreto-Lei nº 2.848, "
        "de 7 de dezembro de 1940 – Código Penal; e dá outras providências",
        "title_en": "On the criminal definition of computer offences; amends the Penal Code",
        "source": "https://www.planalto.gov.br/ccivil_03/_ato2011-2014/2012/lei/l12737.htm",
        "provisions": [
            ("154-A", "Invasão de dispositivo informático", "Invadir dispositivo informático alheio, conectado ou não à rede de computadores, mediante violação indevida de mecanismo de segurança e com o fim de obter, adulterar ou destruir dados ou informações sem autorização: pena de detenção de três meses a um ano.", [("2", "full")], {"valid_to": "2021-05-28"}),
            ("154-A", "Invasão de dispositivo informático", "Invadir dispositivo informático de uso alheio, conectado ou não à rede de computadores, com o fim de obter, adulterar ou destruir dados ou informações sem autorização: pena de reclusão de um a quatro anos, e multa.", [("2", "full")], {"valid_from": "2021-05-28", "source": "/akn/br/act/2021/14155"}),
            ("154-B", "Ação penal", "Nos crimes definidos no art. 154-A, somente se procede mediante representação, salvo se o crime é cometido contra a administração pública.", []),
            ("266 § 1º", "Interrupção de serviço telemático", "Incorre na mesma pena quem interrompe serviço telemático ou de informação de utilidade pública, ou impede ou dificulta-lhe o restabelecimento.", [("5", "partial")]),
            ("298 parágrafo único", "Falsificação de cartão", "Equipara-se a documento particular o cartão de crédito ou débito.", [("7", "partial", "unreviewed")]),
        ],
    },
    {
        "state": "BR", "frbr": "/akn/br/act/2021/14155", "identifier": "Lei nº 14.155, de 27 de maio de 2021",
        "year": 2021, "enacted": "2021-05-27", "in_force": "2021-05-28", "language": "pt",
        "title": "Altera o Decreto-Lei nº 2.848, de 7 de dezembro de 1940 (Código Penal), para tornar mais graves os "
        "crimes de violação de dispositivo informático, furto e estelionato cometidos de forma eletrônica ou pela internet",
        "title_en": "Amends the Penal Code to aggravate computer intrusion, theft and fraud committed electronically",
        "source": "https://www.planalto.gov.br/ccivil_03/_ato2019-2022/2021/lei/L14155.htm",
        "provisions": [
            ("171 § 2º-A", "Fraude eletrônica", "A pena é de reclusão de quatro a oito anos, e multa, se a fraude é cometida com a utilização de informações fornecidas pela vítima ou por terceiro induzido a erro por meio de redes sociais, contatos telefônicos ou envio de correio eletrônico fraudulento.", [("8", "full")]),
        ],
    },
    {
        "state": "AR", "frbr": "/akn/ar/act/2008/26388", "identifier": "Ley 26.388", "year": 2008,
        "enacted": "2008-06-04", "language": "es",
        "title": "Código Penal – Modificación (delitos informáticos)",
        "title_en": "Amendment of the Penal Code (computer crime)",
        "source": "https://servicios.infoleg.gob.ar/infolegInternet/anexos/140000-144999/141790/norma.htm",
        "provisions": [
            ("153 bis", "Acceso indebido a un sistema o dato informático", "Será reprimido con prisión el que a sabiendas accediere por cualquier medio, sin la debida autorización o excediendo la que posea, a un sistema o dato informático de acceso restringido.", [("2", "full")]),
            ("153", "Violación de comunicaciones electrónicas", "Será reprimido con prisión el que indebidamente interceptare o captare comunicaciones electrónicas o telecomunicaciones provenientes de cualquier sistema de carácter privado o de acceso restringido.", [("3", "full")]),
            ("183", "Daño informático", "En la misma pena incurrirá el que alterare, destruyere o inutilizare datos, documentos, programas o sistemas informáticos; o vendiere, distribuyere o introdujere en un sistema informático cualquier programa destinado a causar daños.", [("4", "full"), ("6", "partial")]),
            ("197", "Interrupción de comunicaciones", "Será reprimido con prisión el que interrumpiere o entorpeciere la comunicación telegráfica, telefónica o de otra naturaleza o resistiere violentamente el restablecimiento de la comunicación interrumpida.", [("5", "partial")]),
            ("128", "Pornografía infantil", "Será reprimido con prisión el que produjere, financiare, ofreciere, comerciare, publicare, facilitare, divulgare o distribuyere, por cualquier medio, toda representación de un menor de dieciocho años dedicado a actividades sexuales explícitas.", [("9", "full")]),
        ],
    },
    {
        "state": "CL", "frbr": "/akn/cl/act/2022/21459", "identifier": "Ley 21.459", "year": 2022,
        "enacted": "2022-06-09", "language": "es",
        "title": "Establece normas sobre delitos informáticos, deroga la Ley N° 19.223 y modifica otros cuerpos "
        "legales con el objeto de adecuarlos al Convenio de Budapest",
        "title_en": "Computer crime law adapting Chilean law to the Budapest Convention",
        "source": "https://www.bcn.cl/leychile/navegar?idNorma=1177743",
        "provisions": [
            ("1", "Ataque a la integridad de un sistema informático", "El que obstaculice o impida el normal funcionamiento, total o parcial, de un sistema informático, a través de la introducción, transmisión, daño, deterioro, alteración o supresión de los datos informáticos, será castigado con presidio.", [("5", "full")]),
            ("2", "Acceso ilícito", "El que, sin autorización o excediendo la autorización que posea y superando barreras técnicas o medidas tecnológicas de seguridad, acceda a un sistema informático será castigado con presidio o multa.", [("2", "full")]),
            ("3", "Interceptación ilícita", "El que indebidamente intercepte, interrumpa o interfiera, por medios técnicos, la transmisión no pública de información en un sistema informático o entre dos o más de aquellos será castigado con presidio.", [("3", "full")]),
            ("4", "Ataque a la integridad de los datos informáticos", "El que indebidamente altere, dañe o suprima datos informáticos será castigado con presidio, siempre que con ello se cause un daño grave al titular de los mismos.", [("4", "full")]),
            ("5", "Falsificación informática", "El que indebidamente introduzca, altere, dañe o suprima datos informáticos con la intención de que sean tomados como auténticos o utilizados para generar documentos auténticos será sancionado con presidio.", [("7", "full")]),
            ("7", "Fraude informático", "El que, causando perjuicio a otro, con la finalidad de obtener un beneficio económico, manipule un sistema informático mediante la introducción, alteración, daño o supresión de datos informáticos será castigado con presidio.", [("8", "full")]),
            ("8", "Abuso de los dispositivos", "El que entregue u obtenga para su utilización, importe, difunda o realice otra forma de puesta a disposición de uno o más dispositivos, programas computacionales, contraseñas o códigos de acceso, creados o adaptados para la perpetración de delitos informáticos, será sancionado con presidio.", [("6", "full")]),
        ],
    },
    {
        "state": "PE", "frbr": "/akn/pe/act/2013/30096", "identifier": "Ley N° 30096", "year": 2013,
        "enacted": "2013-10-21", "language": "es",
        "title": "Ley de Delitos Informáticos", "title_en": "Computer Crime Law",
        "source": "https://www.leyes.congreso.gob.pe/Documentos/Leyes/30096.pdf",
        "provisions": [
            ("2", "Acceso ilícito", "El que deliberada e ilegítimamente accede a todo o en parte de un sistema informático, siempre que se realice con vulneración de medidas de seguridad establecidas para impedirlo, será reprimido con pena privativa de libertad.", [("2", "full")]),
            ("3", "Atentado a la integridad de datos informáticos", "El que deliberada e ilegítimamente daña, introduce, borra, deteriora, altera, suprime o hace inaccesibles datos informáticos será reprimido con pena privativa de libertad.", [("4", "full")]),
            ("4", "Atentado a la integridad de sistemas informáticos", "El que deliberada e ilegítimamente inutiliza, total o parcialmente, un sistema informático, impide el acceso a este, entorpece o imposibilita su funcionamiento será reprimido con pena privativa de libertad.", [("5", "full")]),
            ("7", "Interceptación de datos informáticos", "El que deliberada e ilegítimamente intercepta datos informáticos en transmisiones no públicas, dirigidos a un sistema informático, originados en un sistema informático o efectuados dentro del mismo, será reprimido con pena privativa de libertad.", [("3", "full")]),
            ("8", "Fraude informático", "El que deliberada e ilegítimamente procura para sí o para otro un provecho ilícito en perjuicio de tercero mediante el diseño, introducción, alteración, borrado o supresión de datos informáticos será reprimido con pena privativa de libertad.", [("8", "full")]),
            ("10", "Abuso de mecanismos y dispositivos informáticos", "El que deliberada e ilegítimamente fabrica, diseña, desarrolla, vende o facilita uno o más mecanismos, programas informáticos, contraseñas o códigos de acceso destinados a la comisión de los delitos previstos en esta ley será reprimido con pena privativa de libertad.", [("6", "full")]),
        ],
    },
    {
        "state": "PY", "frbr": "/akn/py/act/2011/4439", "identifier": "Ley N° 4439/2011", "year": 2011,
        "enacted": "2011-10-03", "language": "es",
        "title": "Que modifica y amplía varios artículos de la Ley N° 1160/97 “Código Penal”",
        "title_en": "Amending and extending several articles of the Penal Code (Law 1160/97)",
        "source": "https://www.bacn.gov.py/leyes-paraguayas/3190/ley-n-4439-modifica-y-amplia-varios-articulos-de-la-ley-n-116097-codigo-penal",
        "provisions": [
            ("146b", "Acceso indebido a datos", "El que sin autorización y violando sistemas de seguridad obtuviere para sí o para terceros el acceso a datos no destinados a él y especialmente protegidos contra el acceso no autorizado será castigado con pena privativa de libertad o multa.", [("2", "full")]),
            ("146c", "Interceptación de datos", "El que, sin autorización y utilizando medios técnicos, obtuviere para sí o para un tercero datos en tránsito no destinados a él será castigado con pena privativa de libertad o multa.", [("3", "full")]),
            ("174", "Alteración de datos", "El que lesionando el derecho de disposición de otro sobre datos los borrare, suprimiere, inutilizare o cambiare será castigado con pena privativa de libertad o multa.", [("4", "full")]),
            ("175", "Sabotaje de sistemas informáticos", "El que obstaculizare un procesamiento de datos de importancia vital para una empresa, un establecimiento o una entidad de la administración pública será castigado con pena privativa de libertad o multa.", [("5", "partial")]),
            ("188", "Estafa mediante sistemas informáticos", "El que, con la intención de obtener para sí o para un tercero un beneficio patrimonial indebido, influyere sobre el resultado de un procesamiento de datos mediante programación falsa o utilización de datos falsos o incompletos será castigado con pena privativa de libertad.", [("8", "full")]),
        ],
    },
    {
        "state": "DO", "frbr": "/akn/do/act/2007/53-07", "identifier": "Ley No. 53-07", "year": 2007,
        "enacted": "2007-04-23", "language": "es",
        "title": "Ley sobre Crímenes y Delitos de Alta Tecnología", "title_en": "High Technology Crimes and Offences Act",
        "source": "https://indotel.gob.do/media/6200/ley_no_53_07.pdf",
        "provisions": [
            ("6", "Acceso ilícito", "El hecho de acceder a un sistema electrónico, informático, telemático o de telecomunicaciones, o a sus componentes, utilizando o no una identidad ajena, sin autorización o excediendo la autorización, se sancionará con prisión y multa.", [("2", "full")]),
            ("9", "Interceptaciones e intervenciones de datos o señales", "El que, intencionalmente y sin autorización, intercepte, interfiera o desvíe datos o señales transmitidos por un sistema informático será sancionado con prisión y multa.", [("3", "full")]),
            ("10", "Daño o alteración de datos", "El hecho de borrar, afectar, introducir, copiar, dañar, deteriorar o suprimir datos de un sistema informático sin autorización será sancionado con prisión y multa.", [("4", "full")]),
            ("11", "Sabotaje", "El hecho de alterar, maltratar, trabar, inutilizar, causar mal funcionamiento o dañar un sistema informático será sancionado con prisión y multa.", [("5", "full")]),
            ("54", "Facultades del Ministerio Público: preservación de datos", "El Ministerio Público podrá ordenar a cualquier persona la conservación rápida de datos que se encuentren en su poder o bajo su control, por un período determinado.", [("16", "full")]),
        ],
    },
    {
        "state": "CR", "frbr": "/akn/cr/act/2012/9048", "identifier": "Ley N° 9048", "year": 2012,
        "enacted": "2012-07-10", "language": "es",
        "title": "Reforma de la Sección VIII, Delitos Informáticos y Conexos, del Título VII del Código Penal",
        "title_en": "Reform of the Penal Code's section on computer and related offences",
        "source": "http://www.pgrweb.go.cr/scij/Busqueda/Normativa/Normas/nrm_texto_completo.aspx?nValor1=1&nValor2=73583",
        "provisions": [
            ("196", "Violación de correspondencia o comunicaciones", "Será reprimido con prisión quien, con peligro o daño para la intimidad o privacidad de un tercero, y sin su autorización, se apodere, acceda, modifique, altere, suprima, intervenga, intercepte, abra, entregue, venda, remita o desvíe de su destino documentos o comunicaciones dirigidos a otra persona.", [("3", "partial")]),
            ("217 bis", "Estafa informática", "Se impondrá prisión a quien, en perjuicio de una persona física o jurídica, manipule o influya en el ingreso, el procesamiento o el resultado de los datos de un sistema automatizado de información.", [("8", "full")]),
            ("229 bis", "Daño informático", "Se impondrá prisión al que, sin autorización del titular o excediendo la que se le hubiera concedido, suprima, modifique o destruya la información contenida en un sistema o red informática.", [("4", "full")]),
            ("229 ter", "Sabotaje informático", "Se impondrá prisión al que, en provecho propio o de un tercero, destruya, altere, entorpezca o inutilice la información contenida en una base de datos, o bien, impida, altere, obstaculice o modifique sin autorización el funcionamiento de un sistema de tratamiento de información.", [("5", "full")]),
            ("230", "Suplantación de identidad", "Será sancionado con prisión quien suplante la identidad de una persona física, jurídica o de una marca comercial en cualquiera red social, sitio de Internet, medio electrónico o tecnológico de información.", [("7", "partial", "unreviewed")]),
        ],
    },
    {
        "state": "MX", "frbr": "/akn/mx/act/code/1931/cpf", "identifier": "Código Penal Federal", "year": 1931,
        "enacted": "1931-08-14", "type": "code", "language": "es",
        "title": "Código Penal Federal (Libro Segundo, Título Noveno, Capítulo II: Acceso ilícito a sistemas y equipos de informática, arts. 211 bis 1 a 211 bis 7)",
        "title_en": "Federal Penal Code (unlawful access to computer systems and equipment, arts. 211 bis 1–7)",
        "source": "https://www.diputados.gob.mx/LeyesBiblio/pdf/CPF.pdf",
        "provisions": [
            ("211 bis 1", "Acceso ilícito a sistemas protegidos", "Al que sin autorización modifique, destruya o provoque pérdida de información contenida en sistemas o equipos de informática protegidos por algún mecanismo de seguridad, se le impondrán de seis meses a dos años de prisión.", [("4", "partial"), ("2", "partial")]),
            ("211 bis 2", "Sistemas del Estado", "Al que sin autorización modifique, destruya o provoque pérdida de información contenida en sistemas o equipos de informática del Estado, protegidos por algún mecanismo de seguridad, se le impondrán de uno a cuatro años de prisión.", [("4", "partial")]),
            ("211 bis 7", "Agravante", "Las penas previstas en este capítulo se incrementarán en una mitad cuando la información obtenida se utilice en provecho propio o ajeno.", []),
            ("202", "Pornografía de personas menores de dieciocho años", "Comete el delito de pornografía de personas menores de dieciocho años quien procure, obligue, facilite o induzca a una o varias de estas personas a realizar actos sexuales con el objeto de video grabarlos, fotografiarlos o exhibirlos a través de sistemas de cómputo o medios electrónicos.", [("9", "full")]),
        ],
    },
    {
        "state": "US", "frbr": "/akn/us/act/usc/18-1030", "identifier": "18 U.S.C. § 1030", "year": 1986,
        "language": "en", "type": "code",
        "title": "Fraud and related activity in connection with computers (Computer Fraud and Abuse Act)",
        "source": "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section1030",
        "provisions": [
            ("1030(a)(2)", "Obtaining information", "Whoever intentionally accesses a computer without authorization or exceeds authorized access, and thereby obtains information from any protected computer, shall be punished.", [("2", "full")]),
            ("1030(a)(4)", "Fraud", "Whoever knowingly and with intent to defraud accesses a protected computer without authorization, and by means of such conduct furthers the intended fraud and obtains anything of value, shall be punished.", [("8", "full")]),
            ("1030(a)(5)", "Damage", "Whoever knowingly causes the transmission of a program, information, code, or command, and as a result intentionally causes damage without authorization to a protected computer, shall be punished.", [("4", "full"), ("5", "full")]),
            ("1030(a)(6)", "Trafficking in passwords", "Whoever knowingly and with intent to defraud traffics in any password or similar information through which a computer may be accessed without authorization shall be punished.", [("6", "partial")]),
        ],
    },
    {
        "state": "US", "frbr": "/akn/us/act/usc/18-2703", "identifier": "18 U.S.C. § 2703", "year": 1986,
        "language": "en", "type": "code",
        "title": "Required disclosure of customer communications or records (Stored Communications Act)",
        "source": "https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section2703",
        "provisions": [
            ("2703(d)", "Requirements for court order", "A court order for disclosure may be issued only if the governmental entity offers specific and articulable facts showing reasonable grounds to believe that the records sought are relevant and material to an ongoing criminal investigation.", [("18", "full"), ("15", "partial")]),
            ("2703(f)", "Requirement to preserve evidence", "A provider of electronic communication services, upon the request of a governmental entity, shall take all necessary steps to preserve records and other evidence in its possession pending the issuance of a court order or other process, for a period of 90 days.", [("16", "full")]),
        ],
    },
    {
        "state": "CA", "frbr": "/akn/ca/act/1985/c-46", "identifier": "Criminal Code (R.S.C., 1985, c. C-46)", "year": 1985,
        "language": "en", "type": "code",
        "title": "Criminal Code", "title_en": "Criminal Code",
        "summary": "Canada's Criminal Code is enacted in English and French, both equally authoritative; the demo shows some sections in both.",
        "source": "https://laws-lois.justice.gc.ca/eng/acts/c-46/",
        "provisions": [
            ("342.1", "Unauthorized use of computer", "Everyone is guilty of an offence who, fraudulently and without colour of right, obtains, directly or indirectly, any computer service or, by means of an electro-magnetic, acoustic, mechanical or other device, intercepts any function of a computer system.", [("2", "full"), ("3", "partial")]),
            ("342.1", "Utilisation non autorisée d'ordinateur", "Est coupable d'une infraction quiconque, frauduleusement et sans apparence de droit, obtient directement ou indirectement des services d'ordinateur ou, au moyen d'un dispositif électromagnétique, acoustique, mécanique ou autre, intercepte une fonction d'un ordinateur.", [("2", "full"), ("3", "partial")], {"language": "fr"}),
            ("184", "Interception", "Everyone who, by means of any electro-magnetic, acoustic, mechanical or other device, knowingly intercepts a private communication is guilty of an offence.", [("3", "full")]),
            ("342.2", "Possession of device to obtain unauthorized use of computer system", "Everyone who, without lawful justification or excuse, makes, possesses, sells, offers for sale, imports or distributes any instrument or device designed primarily for committing an offence under section 342.1 is guilty of an offence.", [("6", "full")]),
            ("430(1.1)", "Mischief in relation to computer data", "Everyone commits mischief who wilfully destroys or alters computer data, renders computer data meaningless, useless or ineffective, or obstructs, interrupts or interferes with the lawful use of computer data.", [("4", "full"), ("5", "partial")]),
            ("430(1.1)", "Méfait concernant des données informatiques", "Commet un méfait quiconque volontairement détruit ou modifie des données informatiques, dépouille des données informatiques de leur sens, les rend inutiles ou inopérantes, ou empêche, interrompt ou gêne l'emploi légitime des données informatiques.", [("4", "full"), ("5", "partial")], {"language": "fr"}),
            ("163.1", "Child pornography", "Every person who makes, distributes, transmits, makes available or possesses child pornography is guilty of an offence.", [("9", "full")]),
            ("487.012", "Preservation demand", "A peace officer or public officer may make a demand to a person requiring them to preserve computer data that is in their possession or control when the demand is made.", [("16", "full")]),
        ],
    },
]  # fmt: skip


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


@transaction.atomic
def laws_load() -> list[Law]:
    """Load the thesaurus, the moderation workflow and the demo laws, publishing each law once."""
    thesaurus_load()
    moderation_workflow_ensure()
    states = {s.code: s for s in State.objects.all()}
    articles = {a.number: a for a in Article.objects.filter(instrument__slug="cets-185")}
    reviewer = User.objects.filter(username="secretariat").first()
    loaded = []
    for spec in LAWS:
        state = states.get(spec["state"])
        if state is None:
            continue
        law = Law.objects.filter(frbr_uri=spec["frbr"]).first()
        if law is not None:
            loaded.append(law)
            continue
        law = Law(
            state=state,
            frbr_uri=spec["frbr"],
            identifier=spec["identifier"],
            title=spec["title"],
            title_en=spec.get("title_en", ""),
            year=spec["year"],
            enacted_on=_date(spec.get("enacted")),
            in_force_on=_date(spec.get("in_force")),
            law_type=spec.get("type", "act"),
            language=spec["language"],
            source_url=spec["source"],
            summary=spec.get("summary", ""),
            is_example=False,  # the law itself is a sourced fact; its provision texts are examples
        )
        law.full_clean()
        law.save()
        loaded.append(law)
    by_uri = {law.frbr_uri: law for law in loaded}
    for spec in LAWS:
        law = by_uri.get(spec["frbr"])
        if law is None or law.provisions.exists():
            continue
        for position, row in enumerate(spec["provisions"]):
            number, heading, text, mappings = row[:4]
            extra = row[4] if len(row) > 4 else {}
            provision = Provision(
                law=law,
                sort_order=position,
                kind="article",
                number=number,
                heading=heading,
                text=text + EXAMPLE,
                language=extra.get("language", law.language),
                valid_from=_date(extra.get("valid_from")),
                valid_to=_date(extra.get("valid_to")),
                source_law=by_uri.get(extra.get("source", "")),
                is_example=True,
            )
            provision.full_clean()
            provision.save()
            for mapping in mappings:
                reviewed = len(mapping) < 3
                ProvisionMapping.objects.get_or_create(
                    provision=provision,
                    article=articles[mapping[0]],
                    defaults={
                        "extent": mapping[1],
                        "reviewed_by": reviewer if reviewed else None,
                        "reviewed_at": timezone.now() if reviewed else None,
                    },
                )
        law.save_revision(user=reviewer).publish(user=reviewer)
    return loaded
