#pragma once

class QTableView;

namespace Acorn {

// The same table look as the staff list, for the People tables: whole rows, one at a time, rows a finger high.
class TableLook final
{
public:
    static void apply(QTableView* table, int stretchColumn);
};

} // namespace Acorn
