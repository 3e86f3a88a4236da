#pragma once

#include "sync/SyncTypes.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Acorn::Server {

// The body of POST /api/v1/sync/push, checked for shape, types and limits before anything touches the store.
struct PushRequest
{
    QString batchId;
    // A change whose data is over Limits::ChangeData stays in the list: the store answers it "rejected" in its place.
    QList<IncomingChange> changes;
};

class PushRequestParser final
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::PushRequestParser)
public:
    struct Failure
    {
        enum class Kind { BadRequest, TooLarge };
        Kind kind = Kind::BadRequest;
        QString message;
    };

    // Either a request, or what is wrong with it (a whole-request refusal: 400 or 413).
    static bool parse(const QByteArray& body, PushRequest* request, Failure* failure);
};

} // namespace Acorn::Server
