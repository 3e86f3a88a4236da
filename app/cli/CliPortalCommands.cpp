// CliCommands' "portal" commands: the parent portal from the staff side, through the nursery's server
// (PortalInvitations) — invite a parent or carer (a one-time code and link), list and withdraw their invitations, and
// the portal's record of sign-ins and signatures. This device must be connected (acorn-cli sync connect) and the
// parent or carer already on the server (acorn-cli sync now).
#include "CliCommands.h"

#include "Clock.h"
#include "auth/Permissions.h"
#include "people/Children.h"
#include "people/Guardians.h"
#include "sync/PortalInvitations.h"

#include <QCommandLineParser>
#include <QNetworkAccessManager>

namespace Acorn::Cli {

namespace {
QCommandLineOption userOpt()
{
    return {QStringList {QStringLiteral("user"), QStringLiteral("u")}, CliCommands::tr("Your user name."),
            QStringLiteral("USER")};
}

// UTC and ISO 8601: the same on every machine, for scripts.
QString isoTime(const QDateTime& at)
{
    return at.isValid() ? at.toUTC().toString(Qt::ISODate) : QStringLiteral("-");
}
} // namespace

int CliCommands::portal(const QStringList& args)
{
    const QString sub = args.value(1);
    const QStringList subArgs = QStringList {args.first() + QLatin1Char(' ') + sub} + args.mid(2);
    QCommandLineParser parser;
    const QCommandLineOption guardian(QStringLiteral("guardian"), tr("The parent or carer's id."),
                                      QStringLiteral("GUARDIAN_ID"));
    const QCommandLineOption child(QStringLiteral("child"),
                                   tr("A child the invitation is for; repeat it for several (default: every child "
                                      "they are linked to)."),
                                   QStringLiteral("CHILD_ID"));
    const QCommandLineOption days(QStringLiteral("days"), tr("How many days the invitation works (default 14)."),
                                  QStringLiteral("N"), QStringLiteral("14"));
    const QCommandLineOption emailOption(QStringLiteral("email"),
                                         tr("Also e-mail the invitation to the address on the record (when the server "
                                            "has a mail relay)."));
    parser.addOption(userOpt());
    if (sub == QLatin1String("invite"))
        parser.addOptions({guardian, child, days, emailOption});
    if (sub == QLatin1String("invitations"))
        parser.addOption(guardian);
    if (sub == QLatin1String("revoke"))
        parser.addPositionalArgument(QStringLiteral("INVITATION_ID"), tr("The invitation to withdraw."));
    static const QStringList subcommands {QStringLiteral("invite"), QStringLiteral("invitations"),
                                          QStringLiteral("revoke"), QStringLiteral("events")};
    if (!subcommands.contains(sub))
        return usage(sub.isEmpty() ? tr("portal needs invite, invitations, revoke or events.")
                                   : tr("portal needs invite, invitations, revoke or events, not \"%1\".").arg(sub));
    if (!parser.parse(subArgs))
        return usage(parser.errorText());
    if (!parser.isSet(QStringLiteral("user")))
        return usage(tr("portal %1 needs --user USER.").arg(sub));
    if ((sub == QLatin1String("invite") || sub == QLatin1String("invitations")) && !parser.isSet(guardian))
        return usage(tr("portal %1 needs --guardian GUARDIAN_ID.").arg(sub));
    if (sub == QLatin1String("revoke") && parser.positionalArguments().size() != 1)
        return usage(tr("portal revoke needs the id of the invitation to withdraw (see portal invitations)."));
    bool daysOk = true;
    const int dayCount = sub == QLatin1String("invite") ? parser.value(days).toInt(&daysOk) : 0;
    if (sub == QLatin1String("invite") && (!daysOk || dayCount < 1))
        return usage(tr("--days needs a whole number of days, 1 or more."));

    auto session = signIn(parser.value(QStringLiteral("user")));
    if (!session)
        return fail(session.errorMessage());
    Session& s = *session.value();
    // Core refuses these too; saying so before any look-up keeps the answer the same whatever the ids are.
    if (sub == QLatin1String("events") ? !s.can(Action::ViewAuditLog) : !s.can(Action::ManageGuardians)) {
        const QString refusal = sub == QLatin1String("events")
            ? tr("Only managers can see the portal's sign-in record.")
            : tr("Only managers and administrators can invite parents and carers to the portal.");
        s.end(Session::EndReason::SignOut);
        return fail(refusal);
    }

    QNetworkAccessManager network;
    PortalInvitations portal(s, network);
    const Guardians guardians(s);
    int result = 0;
    if (sub == QLatin1String("invite") || sub == QLatin1String("invitations")) {
        const auto person = guardians.byId(parser.value(guardian));
        if (!person) {
            result = fail(tr("No parent or carer has the id %1 on this device.").arg(parser.value(guardian)));
        } else if (sub == QLatin1String("invite")) {
            QStringList linked;
            for (const GuardianLink& link : guardians.linksOfGuardian(person->id))
                linked << link.childId;
            QStringList childIds = parser.values(child);
            childIds.removeDuplicates();
            if (childIds.isEmpty())
                childIds = linked;
            QString notLinked;
            for (const QString& id : childIds)
                if (!linked.contains(id))
                    notLinked = id;
            if (linked.isEmpty()) {
                result = fail(tr("%1 is not linked to a child yet: link them first (People → Parents and carers).")
                                  .arg(person->name));
            } else if (!notLinked.isEmpty()) {
                result = fail(tr("%1 is not linked to the child %2.").arg(person->name, notLinked));
            } else if (auto issued = portal.invite(person->id, childIds, dayCount, parser.isSet(emailOption));
                       !issued) {
                result = fail(issued.errorMessage());
            } else {
                const Children children(s);
                QStringList names;
                for (const QString& id : childIds) {
                    const auto c = children.byId(id);
                    names << (c ? c->displayName() : id);
                }
                m_out << tr("Invitation for %1 (%2)").arg(person->name, names.join(QStringLiteral(", "))) << Qt::endl;
                m_out << tr("Code: %1").arg(issued.value().code) << Qt::endl;
                m_out << tr("Link: %1").arg(issued.value().link.toString(QUrl::FullyEncoded)) << Qt::endl;
                m_out << tr("Works once, until %1").arg(isoTime(issued.value().expiresAt)) << Qt::endl;
                m_out << tr("Invitation id: %1").arg(issued.value().invitationId) << Qt::endl;
                if (issued.value().emailed)
                    m_out << tr("Sent by e-mail to the address on %1's record as well.").arg(person->name) << Qt::endl;
                else if (!issued.value().emailProblem.isEmpty())
                    m_out << tr("Not e-mailed: %1").arg(issued.value().emailProblem) << Qt::endl;
                m_out << tr("The code is shown only now: give it to %1 (a letter from the app, or a message).")
                             .arg(person->name)
                      << Qt::endl;
            }
        } else {
            bool hasAccount = false;
            auto list = portal.list(person->id, &hasAccount);
            if (!list) {
                result = fail(list.errorMessage());
            } else {
                if (hasAccount)
                    m_out << tr("%1 already uses the portal; a new invitation lets them set a new password.")
                                 .arg(person->name)
                          << Qt::endl;
                if (list.value().isEmpty())
                    m_out << tr("%1 has not been invited yet.").arg(person->name) << Qt::endl;
                const QDateTime now = s.clock().now();
                for (const PortalInvitations::Info& info : list.value()) {
                    const QString state = info.usedAt.isValid() ? tr("used")
                        : info.revokedAt.isValid()              ? tr("withdrawn")
                        : info.isOpen(now)                      ? tr("open")
                                                                : tr("expired");
                    m_out << info.invitationId << QLatin1Char('\t') << tr("created %1").arg(isoTime(info.createdAt))
                          << QLatin1Char('\t') << tr("until %1").arg(isoTime(info.expiresAt)) << QLatin1Char('\t')
                          << state << Qt::endl;
                }
            }
        }
    } else if (sub == QLatin1String("revoke")) {
        if (auto done = portal.revoke(parser.positionalArguments().first()); !done)
            result = fail(done.errorMessage());
        else
            m_out << tr("Withdrawn: that invitation's code no longer works.") << Qt::endl;
    } else {
        auto events = portal.events();
        if (!events) {
            result = fail(events.errorMessage());
        } else {
            if (events.value().isEmpty())
                m_out << tr("Nothing has happened on the portal yet.") << Qt::endl;
            for (const PortalInvitations::Event& e : events.value()) {
                const auto person = e.guardianId.isEmpty() ? std::nullopt : guardians.byId(e.guardianId);
                m_out << isoTime(e.at) << QLatin1Char('\t') << (person ? person->name : tr("unknown"))
                      << QLatin1Char('\t') << PortalInvitations::describeAction(e.action) << Qt::endl;
            }
        }
    }
    s.end(Session::EndReason::SignOut);
    return result;
}

} // namespace Acorn::Cli
