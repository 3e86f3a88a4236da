#pragma once

#include "store/BlobStore.h"

#include <QCoreApplication>

namespace Acorn::Server {

// Blobs as files under one owner-only folder (DATA/media): "<prefix>/<name>", written through QSaveFile and fsync'd.
class FolderBlobStore final : public BlobStore
{
    Q_DECLARE_TR_FUNCTIONS(Acorn::Server::FolderBlobStore)
public:
    explicit FolderBlobStore(QString folder);

    QString folder() const { return m_folder; }
    QString filePath(const QString& name) const;

    QString backendName() const override { return QStringLiteral("folder"); }
    VoidResult put(const QString& name, const QByteArray& bytes) override;
    Result<QByteArray> get(const QString& name, qint64 maxSize) const override;
    bool exists(const QString& name) const override;
    VoidResult remove(const QString& name) override;
    VoidResult removeAll(const QString& prefix) override;

private:
    QString m_folder;
};

} // namespace Acorn::Server
