//! @generated placeholder until the first generation
