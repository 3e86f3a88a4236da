#include "people/Guardians.h"

#include "Clock.h"
#include "auth/AuditLog.h"
#include "auth/Session.h"
#include "auth/SettingsStore.h"
#include "domain/Child.h"
#include "domain/Ids.h"
#include "people/Children.h"
#include "storage/Database.h"

#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

namespace Acorn {

namespace {
const QString Columns = QStringLiteral(
    "id, name, email, portal_state, agreement_version, agreement_signed_at, agreement_typed_name, revision");

Guardian fromQuery(const QSqlQuery& q)
{
    Guardian g;
    g.id = q.value(0).toString();
    g.name = q.value(1).toString();
    g.email = q.value(2).toString();
    g.portalState = q.value(3).toString();
    g.agreementVersion = q.value(4).toInt();
    g.agreementSignedAt = Ids::fromIso(q.value(5).toString());
    g.agreementTypedName = q.value(6).toString();
    g.revision = q.value(7).toInt();
    return g;
}

bool plausibleEmail(const QString& email)
{
    static const QRegularExpression pattern(QStringLiteral("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"));
    return email.isEmpty() || pattern.match(email).hasMatch();
}
} // namespace

Guardians::Guardians(Session& session)
    : m_session(session)
{
}

QString Guardians::defaultAgreementText()
{
    return tr("I agree not to download, copy or share any information, photographs or videos from my child's learning "
              "journal on any other online platform or social networking site (such as Facebook), and to keep my "
              "password to myself. I understand that the journal is for recording my child's learning and "
              "development, not for general messages.");
}

QList<Guardian> Guardians::all() const
{
    QList<Guardian> list;
    if (!m_session.can(Action::ManageGuardians) && !m_session.can(Action::ObserveChildren))
        return list;
    QSqlQuery q(m_session.database().sql());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT %1 FROM guardians WHERE deleted = 0 ORDER BY name COLLATE NOCASE").arg(Columns));
    while (q.next())
        list.append(fromQuery(q));
    return list;
}

std::optional<Guardian> Guardians::byId(const QString& id) const
{
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT %1 FROM guardians WHERE id = ? AND deleted = 0").arg(Columns));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return fromQuery(q);
    return std::nullopt;
}

QList<GuardianLink> Guardians::linksOfChild(const QString& childId) const
{
    QList<GuardianLink> links;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT guardian_id, child_id, relationship FROM guardian_children "
                             "WHERE child_id = ? AND deleted = 0"));
    q.addBindValue(childId);
    if (q.exec())
        while (q.next())
            links.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return links;
}

QList<GuardianLink> Guardians::linksOfGuardian(const QString& guardianId) const
{
    QList<GuardianLink> links;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT guardian_id, child_id, relationship FROM guardian_children "
                             "WHERE guardian_id = ? AND deleted = 0"));
    q.addBindValue(guardianId);
    if (q.exec())
        while (q.next())
            links.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return links;
}

Result<Guardian> Guardians::create(const QString& name, const QString& email)
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can add parents and carers."));
    Guardian g;
    g.id = Ids::newId();
    g.name = name.trimmed();
    g.email = email.trimmed();
    g.portalState = QStringLiteral("none");
    g.revision = 1;
    if (g.name.isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the parent's or carer's name."));
    if (!plausibleEmail(g.email))
        return Error(Error::Code::InvalidInput, tr("That email address does not look right."));
    const QString now = Ids::toIso(m_session.clock().now());
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("INSERT INTO guardians (id, name, email, created_at, updated_at, origin_device) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    q.addBindValue(g.id);
    q.addBindValue(g.name);
    q.addBindValue(g.email.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(g.email));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto logged = m_session.audit().append(QStringLiteral("guardian_created"), m_session.staff().id,
                                               QStringLiteral("guardian"), g.id);
        !logged)
        return logged.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return g;
}

VoidResult Guardians::update(const Guardian& guardian)
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied,
                     tr("Only managers and administrators can change parents' details."));
    if (guardian.name.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Type the parent's or carer's name."));
    if (!plausibleEmail(guardian.email.trimmed()))
        return Error(Error::Code::InvalidInput, tr("That email address does not look right."));
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE guardians SET name = ?, email = ?, updated_at = ?, revision = revision + 1 "
                             "WHERE id = ? AND deleted = 0"));
    q.addBindValue(guardian.name.trimmed());
    q.addBindValue(guardian.email.trimmed());
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(guardian.id);
    if (!q.exec())
        return Database::describe(q.lastError());
    return q.numRowsAffected() == 1 ? VoidResult {} : Error(Error::Code::NotFound, tr("That person no longer exists."));
}

VoidResult Guardians::link(const QString& guardianId, const QString& childId, const QString& relationship)
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied,
                     tr("Only managers and administrators can link parents to children."));
    const auto child = Children(m_session).byId(childId);
    if (!child)
        return Error(Error::Code::NotFound, tr("That child's record no longer exists."));
    if (!byId(guardianId))
        return Error(Error::Code::NotFound, tr("That parent or carer no longer exists."));
    if (child->photoConsent == PhotoConsent::NotRecorded)
        return Error(Error::Code::PolicyViolation,
                     tr("First record whether %1's photo may appear in other children's journals (yes or no). A "
                        "parent or carer can be linked only after that decision.")
                         .arg(child->displayName()));
    if (relationship.trimmed().isEmpty())
        return Error(Error::Code::InvalidInput, tr("Say how they are related to the child (mother, father, carer…)."));
    const QString now = Ids::toIso(m_session.clock().now());
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral(
        "INSERT INTO guardian_children (guardian_id, child_id, relationship, created_at, updated_at, origin_device) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(guardian_id, child_id) DO UPDATE SET relationship = "
        "excluded.relationship, "
        "deleted = 0, updated_at = excluded.updated_at, revision = revision + 1"));
    q.addBindValue(guardianId);
    q.addBindValue(childId);
    q.addBindValue(relationship.trimmed());
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(m_session.deviceId());
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto logged
        = m_session.audit().append(QStringLiteral("guardian_linked"), m_session.staff().id, QStringLiteral("guardian"),
                                   guardianId, QStringLiteral("child=") + childId);
        !logged)
        return logged;
    return transaction.commit();
}

VoidResult Guardians::unlink(const QString& guardianId, const QString& childId)
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can unlink parents."));
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE guardian_children SET deleted = 1, updated_at = ?, revision = revision + 1 "
                             "WHERE guardian_id = ? AND child_id = ?"));
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(guardianId);
    q.addBindValue(childId);
    if (!q.exec())
        return Database::describe(q.lastError());
    return m_session.audit().append(QStringLiteral("guardian_unlinked"), m_session.staff().id,
                                    QStringLiteral("guardian"), guardianId, QStringLiteral("child=") + childId);
}

Guardians::Agreement Guardians::currentAgreement() const
{
    const int version = m_session.settings().intValue(SettingsStore::Key::AgreementVersion);
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("SELECT text FROM agreements WHERE version = ?"));
    q.addBindValue(version);
    if (q.exec() && q.next())
        return {version, q.value(0).toString()};
    return {version, defaultAgreementText()};
}

Result<int> Guardians::setAgreementText(const QString& text)
{
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can change the agreement."));
    if (text.trimmed().size() < 20)
        return Error(Error::Code::InvalidInput, tr("The agreement text is too short to be meaningful."));
    const int next = currentAgreement().version + 1;
    Transaction transaction(m_session.database());
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("INSERT INTO agreements (version, text, created_at, created_by) VALUES (?, ?, ?, ?)"));
    q.addBindValue(next);
    q.addBindValue(text.trimmed());
    q.addBindValue(Ids::toIso(m_session.clock().now()));
    q.addBindValue(m_session.staff().id);
    if (!q.exec())
        return Database::describe(q.lastError());
    if (auto set = m_session.settings().setValue(SettingsStore::Key::AgreementVersion, next, m_session.staff().id);
        !set)
        return set.error();
    // The text travels as a setting too, so that the parent portal shows parents the version they are asked to sign.
    if (auto set
        = m_session.settings().setValue(SettingsStore::Key::AgreementText, text.trimmed(), m_session.staff().id);
        !set)
        return set.error();
    if (auto logged = m_session.audit().append(QStringLiteral("agreement_changed"), m_session.staff().id,
                                               QStringLiteral("agreement"), QString::number(next));
        !logged)
        return logged.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return next;
}

VoidResult Guardians::recordAgreement(const QString& guardianId, const QString& typedName)
{
    // Staff record a paper signature here; the portal (later) records the parent's own.
    if (!m_session.can(Action::ManageGuardians))
        return Error(Error::Code::PermissionDenied, tr("Only managers and administrators can record a signature."));
    const auto guardian = byId(guardianId);
    if (!guardian)
        return Error(Error::Code::NotFound, tr("That parent or carer no longer exists."));
    if (typedName.trimmed().size() < 2)
        return Error(Error::Code::InvalidInput, tr("Type the name exactly as signed."));
    const int version = currentAgreement().version;
    QSqlQuery q(m_session.database().sql());
    q.prepare(QStringLiteral("UPDATE guardians SET agreement_version = ?, agreement_signed_at = ?, "
                             "agreement_typed_name = ?, updated_at = ?, revision = revision + 1 WHERE id = ?"));
    const QString now = Ids::toIso(m_session.clock().now());
    q.addBindValue(version);
    q.addBindValue(now);
    q.addBindValue(typedName.trimmed());
    q.addBindValue(now);
    q.addBindValue(guardianId);
    if (!q.exec())
        return Database::describe(q.lastError());
    return m_session.audit().append(QStringLiteral("agreement_signed"), m_session.staff().id,
                                    QStringLiteral("guardian"), guardianId, QStringLiteral("version=%1").arg(version));
}

bool Guardians::hasAccess(const QString& guardianId, const QString& childId) const
{
    const auto guardian = byId(guardianId);
    if (!guardian || guardian->agreementVersion < currentAgreement().version || guardian->agreementVersion <= 0)
        return false;
    const auto links = linksOfGuardian(guardianId);
    return std::any_of(links.cbegin(), links.cend(), [&](const GuardianLink& l) { return l.childId == childId; });
}

QString Guardians::whyNoAccess(const QString& guardianId, const QString& childId) const
{
    if (hasAccess(guardianId, childId))
        return {};
    const auto guardian = byId(guardianId);
    if (!guardian)
        return tr("This parent or carer no longer exists.");
    const auto links = linksOfGuardian(guardianId);
    if (std::none_of(links.cbegin(), links.cend(), [&](const GuardianLink& l) { return l.childId == childId; }))
        return tr("Not linked to this child.");
    const int current = currentAgreement().version;
    if (guardian->agreementVersion <= 0)
        return tr("Has not signed the agreement yet.");
    return tr("Has not signed version %1 yet (signed version %2).").arg(current).arg(guardian->agreementVersion);
}

} // namespace Acorn
