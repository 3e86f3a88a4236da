#pragma once

#include "Result.h"
#include "domain/Observation.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <optional>

namespace Acorn {

class Session;

struct ReviewFilter
{
    QString roomId;
    QString authorStaffId;
    QString childId;
    QDate from;
    QDate to;
    QString areaTag; // a framework node id; matches it and everything below it
};

// The review a published observation was given (rating 0: not rated yet).
struct ObservationReview
{
    QString observationId;
    QString note;
    int rating = 0;
    QString reviewedBy;
    QDateTime reviewedAt;
};

// Manager review (the policy: "observations are regularly monitored by the managing staff"): the queues, a review
// note and a quality rating on published observations, bulk approve/return, and sampling for staff meetings.
// Room leaders work on their rooms' children; managers and administrators on everyone's.
class Reviews final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Reviews)
public:
    static constexpr int MinRating = 1;
    static constexpr int MaxRating = 4;
    enum class SampleMode { Latest, Random };

    explicit Reviews(Session& session);

    QList<Observation> awaitingApproval(const ReviewFilter& filter = {}) const;
    // Published staff observations nobody has given a review rating yet.
    QList<Observation> notYetReviewed(const ReviewFilter& filter = {}) const;

    [[nodiscard]] VoidResult review(const QString& observationId, const QString& note, int rating);
    // The note and rating given so far, for reviewers who may review it.
    std::optional<ObservationReview> reviewOf(const QString& observationId) const;
    // Bulk actions stop at the first refusal and say which one; the ones before it stay done.
    [[nodiscard]] VoidResult approveAll(const QStringList& observationIds);
    [[nodiscard]] VoidResult returnAll(const QStringList& observationIds, const QString& feedback);

    // N published observations per practitioner in the period, the latest or a random (seeded) choice.
    QList<Observation> sample(const QStringList& staffIds, int perPractitioner, const QDate& from, const QDate& to,
                              SampleMode mode, quint32 seed = 0) const;

    static QString ratingLabel(int rating);

private:
    QList<Observation> matching(const QString& where, const QVariantList& binds, const ReviewFilter& filter) const;
    Session& m_session;
};

} // namespace Acorn
