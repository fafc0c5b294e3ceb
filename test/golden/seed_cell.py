"""The seed's three-section cell (main with dend1 and dend2 at its 1 end, no 3-D points), shared by
the golden scripts that use it (morphology's define_shape case, the plot cases)."""


class SeedCell:
    def __init__(self, h):
        main = h.Section(name="main", cell=self)
        dend1 = h.Section(name="dend1", cell=self)
        dend2 = h.Section(name="dend2", cell=self)
        dend1.connect(main)
        dend2.connect(main)
        main.diam = 10
        dend1.diam = 2
        dend2.diam = 2
        self.main = main
        self.dend1 = dend1
        self.dend2 = dend2
        self.all = main.wholetree()

    def __repr__(self):
        # neuron-ts names a cell without toString "Cell[0]"; Python would print an address.
        return "Cell[0]"
