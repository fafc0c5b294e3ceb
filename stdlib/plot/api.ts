// Public types of the plotting facade (h.PlotShape, h.RangeVarPlot). PROVISIONAL: issue 5.
export interface PlotH {}
