// Public types of the morphology loaders (Import3d, define_shape). PROVISIONAL: issue 6.
export interface MorphologyH {}
