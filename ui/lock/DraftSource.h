#pragma once

namespace Acorn {

class DraftStore;

// Something that holds unsaved work: when the app locks or signs out, the LockController asks every registered
// source to put its work into the (encrypted) DraftStore before the database closes. Register while the work is
// on screen; unregister before going away.
class DraftSource
{
public:
    virtual ~DraftSource() = default;
    virtual void saveDraft(DraftStore& drafts) = 0;
};

} // namespace Acorn
